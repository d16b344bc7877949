import {
  CLIENT_COMMANDS,
  decodeServerMessage,
  encode,
  LIMITS,
  SUPPORTED_VERSIONS,
} from '@pokerroom/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AckedCommand, type AckResult, ackIn, encodeIn } from '../../src/realtime/wire-versions.js';

const commands = Object.keys(CLIENT_COMMANDS) as AckedCommand[];

const results: fc.Arbitrary<AckResult | undefined> = fc.option(
  fc.record(
    {
      storyIds: fc.array(fc.stringMatching(/^st_[a-z0-9]{8}$/), { maxLength: 3 }),
      replayed: fc.nat({ max: 10_000 }),
      resume: fc.constantFrom('replay' as const, 'snapshot' as const),
      serverTime: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

describe('ackIn', () => {
  it('encodes to the same bytes as the general path, in every version, and decodes as a valid ack', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SUPPORTED_VERSIONS),
        fc.integer({ min: 0, max: LIMITS.maxRequestId }),
        fc.constantFrom(...commands),
        results,
        (version, id, command, result) => {
          const bytes = encode(ackIn(version, id, command, result));
          const general = encodeIn(version, {
            t: 'ack',
            d: result === undefined ? { id, command } : { id, command, result },
          });
          expect(Buffer.from(bytes).equals(Buffer.from(general))).toBe(true);
          const decoded = decodeServerMessage(bytes, version);
          expect(decoded).toMatchObject({ v: version, t: 'ack', d: { id } });
          if (decoded.t !== 'ack') throw new Error('not an ack');
          // v1 never had `command`; v2 always names the command answered.
          expect(decoded.d.command).toBe(version === 1 ? undefined : command);
          expect(decoded.d.result).toEqual(result);
        },
      ),
    );
  });
});
