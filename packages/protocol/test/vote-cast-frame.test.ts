import {
  type ClientMessage,
  decodeClientMessage,
  encode,
  ProtocolError,
  readVoteCast,
} from '@pokerroom/protocol';
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';

const packr = new Packr({ useRecords: false, variableMapSize: true });
const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));
const version = fc.constantFrom(1 as const, 2 as const);
const requestId = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fc.constantFrom(0, 127, 128, 255, 256, 65_535, 65_536, 2 ** 32 - 1),
);
const asciiCard = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) });
const anyCard = fc.oneof(
  asciiCard,
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ maxLength: 40 }),
);

type Decoded = ClientMessage | { refused: string };

/** What `decode` makes of `bytes`: the message, or the refusal's code and message. */
function outcome(
  decode: (bytes: Uint8Array, v: 1 | 2) => ClientMessage,
  bytes: Uint8Array,
  v: 1 | 2,
): Decoded {
  try {
    return decode(bytes, v);
  } catch (error) {
    if (error instanceof ProtocolError) return { refused: `${error.code}: ${error.message}` };
    throw error;
  }
}

const fullDecode = (bytes: Uint8Array, v: 1 | 2): Decoded => outcome(decodeClientMessage, bytes, v);
/** The server's way, the shortcut and else the full decode, must come to the same, refusals included. */
const expectSameAsFull = (bytes: Uint8Array, v: 1 | 2): void =>
  expect(
    outcome(
      (frame, version) => readVoteCast(frame, version) ?? decodeClientMessage(frame, version),
      bytes,
      v,
    ),
  ).toEqual(fullDecode(bytes, v));

/** One edit of a frame: a byte set, a byte inserted, a byte removed, or the frame cut short. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('set'), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ kind: fc.constant('insert'), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ kind: fc.constant('remove'), at: fc.nat(), byte: fc.constant(0) }),
  fc.record({ kind: fc.constant('cut'), at: fc.nat(), byte: fc.constant(0) }),
);

function applyEdits(
  frame: Uint8Array,
  edits: readonly { kind: string; at: number; byte: number }[],
): Uint8Array {
  let bytes = Array.from(frame);
  for (const { kind, at, byte } of edits) {
    const index = at % (bytes.length + 1);
    if (kind === 'set' && index < bytes.length) bytes[index] = byte;
    else if (kind === 'insert') bytes.splice(index, 0, byte);
    else if (kind === 'remove') bytes.splice(index, 1);
    else if (kind === 'cut') bytes = bytes.slice(0, index);
  }
  return Uint8Array.from(bytes);
}

describe("a vote's shortcut through the decoder", () => {
  it('reads every vote our encoder writes whose card the full decode accepts, and returns what it returns', () => {
    fc.assert(
      fc.property(version, requestId, asciiCard, (v, id, card) => {
        const message: ClientMessage = { v, t: 'vote.cast', id, d: { card } };
        const bytes = encode(message);
        const full = fullDecode(bytes, v);
        const read = readVoteCast(bytes, v);
        if ('refused' in full) expect(read).toBeUndefined();
        else expect(read).toEqual(full);
        expectSameAsFull(bytes, v);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads common cards, at every size of id', () => {
    for (const v of [1, 2] as const) {
      for (const id of [0, 127, 128, 255, 256, 65_535, 65_536, 2 ** 32 - 1]) {
        for (const card of ['0', '½', '5', '13', '100', '?', 'XXL', '12345678']) {
          const message: ClientMessage = { v, t: 'vote.cast', id, d: { card } };
          const read = readVoteCast(encode(message), v);
          // '½' is not ASCII: the full decode reads it.
          if (card === '½') expect(read).toBeUndefined();
          else expect(read).toEqual(message);
        }
      }
    }
  });

  it('agrees with the full decode on any card and any id, or leaves the frame to it', () => {
    const id = fc.oneof(
      requestId,
      fc.integer(),
      fc.double(),
      fc.constant(2 ** 32),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(version, version, id, anyCard, (v, sent, id, card) => {
        const bytes = packr.pack({ v: sent, t: 'vote.cast', id, d: { card } });
        const read = readVoteCast(bytes, v);
        if (read !== undefined) expect(read).toEqual(fullDecode(bytes, v));
        expectSameAsFull(bytes, v);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with the full decode on votes edited at random', () => {
    fc.assert(
      fc.property(
        version,
        requestId,
        asciiCard,
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (v, id, card, edits) => {
          const bytes = applyEdits(encode({ v, t: 'vote.cast', id, d: { card } }), edits);
          const read = readVoteCast(bytes, v);
          if (read !== undefined) expect(read).toEqual(fullDecode(bytes, v));
          expectSameAsFull(bytes, v);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('leaves every other layout of a vote to the full decode, which reads it the same', () => {
    const vote: ClientMessage = { v: 1, t: 'vote.cast', id: 5, d: { card: '8' } };
    const layouts = {
      'keys in another order': packr.pack({ t: 'vote.cast', v: 1, d: { card: '8' }, id: 5 }),
      'the id as a uint64': hex(
        '84 a176 01 a174 a9 766f74652e63617374 a26964 cf0000000000000005 a164 81 a463617264 a138',
      ),
      'the card as a str8': hex('84 a176 01 a174 a9 766f74652e63617374 a26964 05 a164 81 a463617264 d90138'),
      'a map 16 header': hex('de0004 a176 01 a174 a9 766f74652e63617374 a26964 05 a164 81 a463617264 a138'),
    };
    for (const [layout, bytes] of Object.entries(layouts)) {
      expect(readVoteCast(bytes, 1), layout).toBeUndefined();
      expect(decodeClientMessage(bytes, 1), layout).toEqual(vote);
    }
  });

  it('leaves refusals to the full decode, which names them', () => {
    const refused = (bytes: Uint8Array, v: 1 | 2): string => {
      expect(readVoteCast(bytes, v)).toBeUndefined();
      const full = fullDecode(bytes, v);
      return 'refused' in full ? full.refused : 'accepted';
    };
    const vote = (v: number, card: string) => packr.pack({ v, t: 'vote.cast', id: 9, d: { card } });
    expect(refused(vote(1, '5'), 2)).toMatch(/^unsupported_version: frame has v=1/);
    expect(refused(vote(2, 'a\u0000'), 2)).toMatch(/^invalid_payload: vote.cast: d\/card: /);
    expect(refused(vote(1, ''), 1)).toMatch(/^invalid_payload: vote.cast: d\/card: /);
    expect(refused(vote(1, '123456789'), 1)).toMatch(/^invalid_payload: vote.cast: d\/card: /);
    const trailing = Uint8Array.from([...encode({ v: 1, t: 'vote.cast', id: 9, d: { card: '5' } }), 0xc0]);
    expect(refused(trailing, 1)).toMatch(/^malformed_frame: .*after the end of the value/);
  });
});
