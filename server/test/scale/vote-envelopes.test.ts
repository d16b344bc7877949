import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { ownEnvelopePrefix } from '../../src/bus/redis-bus.js';
import { VoteEnvelopes } from '../../src/bus/vote-envelopes.js';
import type { StoredEvent } from '../../src/storage/event-store.js';

// The bus's own packing settings: the envelopes written from templates must be its bytes exactly.
const packr = new Packr({ useRecords: false, variableMapSize: true });
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

const ascii = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)), maxLength });
/** Strings the template writes (ASCII up to 255) and strings it must leave to msgpackr. */
const text = fc.oneof(
  ascii(40),
  ascii(300),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('x'.repeat(31), 'x'.repeat(32), 'x'.repeat(255), 'x'.repeat(256), 'é', '😀', ''),
);
/** Integers around every boundary of MessagePack's integer forms, and beyond 32 bits. */
const seqs = fc.oneof(
  fc.integer({ min: 1, max: 0x1_0001 }),
  fc.integer({ min: 0xffff_fffe, max: 0x1_0000_0001 }),
  fc.nat({ max: Number.MAX_SAFE_INTEGER }),
);
/** Times as the clock gives them, and numbers msgpackr writes in other forms. */
const times = fc.oneof(
  fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 }),
  fc.double(),
  fc.integer({ min: -0x8000_0000, max: 0xffff_ffff }),
);

const isShortAscii = (value: unknown): boolean =>
  typeof value === 'string' && value.length <= 255 && [...value].every((char) => char.charCodeAt(0) < 0x80);
/** msgpackr writes every number but a 32-bit integer (signed or not) as a float64. */
const isFloat64 = (at: number): boolean => !(Number.isInteger(at) && at >= -0x8000_0000 && at <= 0xffff_ffff);

const vote = (overrides: Partial<StoredEvent> = {}): StoredEvent => ({
  roomId: 'r_0000000000000000000001',
  seq: 42,
  type: 'vote.cast',
  payload: { participantId: 'p_voter_1_00000000000', card: '13' },
  at: 1_765_000_000_123,
  roundId: 'rd_000000000000000000001',
  ...overrides,
});

const votes = fc.array(
  fc.record({ roomId: text, seq: seqs, participantId: text, card: text, at: times, roundId: text }),
  { minLength: 1, maxLength: 20 },
);

describe('VoteEnvelopes', () => {
  it("writes the bus's own bytes for any votes it writes, and leaves the rest to msgpackr", () => {
    fc.assert(
      fc.property(ascii(30), votes, (node, drawn) => {
        const envelopes = new VoteEnvelopes(packr, node);
        const events = drawn.map(({ participantId, card, ...rest }) =>
          vote({ ...rest, payload: { participantId, card } }),
        );
        const written = envelopes.write(events);
        const writable = events.every(
          (event) =>
            [event.roomId, event.payload.participantId, event.payload.card, event.roundId].every(
              isShortAscii,
            ) &&
            event.seq <= 0xffff_ffff &&
            isFloat64(event.at),
        );
        const packed = packr.pack({ node, events });
        expect(written === null ? null : hex(written)).toBe(writable ? hex(packed) : null);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes votes as a host stores them, one or several to an envelope', () => {
    const envelopes = new VoteEnvelopes(packr, 'node-a');
    // Array headers of every size: fixarray, array 16 and array 32.
    for (const count of [1, 2, 3, 15, 16, 19, 300, 0xffff, 0x10000]) {
      const events = Array.from({ length: count }, (_, index) => vote({ seq: 70_000 + index }));
      const written = envelopes.write(events);
      expect(written, `${count} votes`).not.toBeNull();
      expect(hex(written as Buffer)).toBe(hex(packr.pack({ node: 'node-a', events })));
      if (count < 300) expect(packr.unpack(written as Buffer)).toEqual({ node: 'node-a', events });
    }
  });

  it('leaves to msgpackr what is not a vote as a host stores it', () => {
    const envelopes = new VoteEnvelopes(packr, 'node-a');
    const { roomId, seq, type, payload, at, roundId } = vote();
    const others: StoredEvent[][] = [
      [],
      [vote(), vote({ type: 'vote.retracted', payload: { participantId: 'p_1' } })],
      [vote({ payload: { card: '5', participantId: 'p_1' } })],
      [vote({ payload: { participantId: 'p_1', card: '5', extra: true } })],
      [vote({ roundId: null })],
      [vote({ at: 1_000 })],
      [{ seq, roomId, type, payload, at, roundId }],
      [{ ...vote(), more: 1 } as StoredEvent],
    ];
    for (const events of others) expect(envelopes.write(events)).toBeNull();
  });

  it("starts with the node's own prefix, so the node still drops its announcements unread", () => {
    for (const node of ['node-a', 'n'.repeat(40)]) {
      const written = new VoteEnvelopes(packr, node).write([vote()]) as Buffer;
      const prefix = ownEnvelopePrefix(node) as Buffer;
      expect(hex(written.subarray(0, prefix.length))).toBe(hex(prefix));
    }
  });

  it('keeps every envelope intact while later ones are written, across the chunks they share', () => {
    const envelopes = new VoteEnvelopes(packr, 'node-a');
    const written: [Buffer, string][] = [];
    for (let seq = 1; seq <= 2_000; seq++) {
      const events = Array.from({ length: 1 + (seq % 3) }, (_, index) =>
        vote({ seq: seq * 997 + index, roomId: `r_${'x'.repeat(seq % 200)}` }),
      );
      const envelope = envelopes.write(events);
      if (envelope === null) throw new Error('the template refused votes it writes');
      written.push([envelope, hex(packr.pack({ node: 'node-a', events }))]);
    }
    for (const [envelope, bytes] of written) expect(hex(envelope)).toBe(bytes);
  });
});
