import {
  CLIENT_COMMANDS,
  decodeServerMessage,
  encode,
  LIMITS,
  ROOM_EVENT_TYPES,
  SESSION_EVENT_TYPES,
  type ServerMessage,
  SUPPORTED_VERSIONS,
} from '@pokerroom/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AckedCommand,
  type AckResult,
  ackIn,
  encodeIn,
  type Unversioned,
} from '../../src/realtime/wire-versions.js';

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

/** Payloads as msgpackr sees them: plain values, any shape (encodeIn passes `d` through untouched). */
const payloads = fc.dictionary(
  fc.string({ maxLength: 8 }),
  fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
  ),
  { maxKeys: 5 },
);

describe('encodeIn', () => {
  it('gives the bytes of the message with `v` added last, for room events and session messages alike', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SUPPORTED_VERSIONS),
        fc.oneof(
          fc.record({ t: fc.constantFrom(...ROOM_EVENT_TYPES), seq: fc.nat(), d: payloads }),
          fc.record({ t: fc.constantFrom(...SESSION_EVENT_TYPES), d: payloads }),
        ),
        (version, message) => {
          const bytes = encodeIn(version, message as Unversioned);
          const appended = encode(Object.assign({}, message, { v: version }) as ServerMessage);
          expect(Buffer.from(bytes).equals(Buffer.from(appended))).toBe(true);
        },
      ),
    );
  });
});
