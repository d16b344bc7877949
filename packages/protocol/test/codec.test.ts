import {
  type ClientMessage,
  DEFAULT_SETTINGS,
  decodeClientMessage,
  decodeServerMessage,
  type ErrorCode,
  encode,
  LIMITS,
  PRESET_DECKS,
  ProtocolError,
  type Round,
  type ServerMessage,
} from '@pokerroom/protocol';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';

// Builds frames the typed `encode` would not: wrong shapes, extra fields, foreign encodings.
const packr = new Packr({ useRecords: false });
const pack = (value: unknown): Uint8Array => packr.pack(value);

function refusal(decode: (bytes: Uint8Array) => unknown, bytes: Uint8Array): ProtocolError {
  try {
    decode(bytes);
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw new Error(`expected a ProtocolError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the frame to be refused');
}

const clientRefusal = (value: unknown) => refusal(decodeClientMessage, pack(value));
const serverRefusal = (value: unknown) => refusal(decodeServerMessage, pack(value));

function expectCode(error: ProtocolError, code: ErrorCode, message?: RegExp): void {
  expect({ code: error.code, message: error.message }).toEqual({
    code,
    message: message === undefined ? error.message : expect.stringMatching(message),
  });
}

const round: Round = {
  id: 'r_1',
  storyId: null,
  status: 'voting',
  startedAt: 1_700_000_000_000,
  anonymous: false,
  voted: ['p_1'],
};

const welcome = {
  v: 1,
  t: 'welcome',
  d: {
    sessionId: 's_1',
    you: { id: 'p_1', name: 'Ada', role: 'facilitator', presence: 'online' },
    yourVote: '5',
    room: {
      id: 'room_1',
      name: 'Sprint 42',
      deck: PRESET_DECKS['modified-fibonacci'],
      settings: DEFAULT_SETTINGS,
      participants: [{ id: 'p_1', name: 'Ada', role: 'facilitator', presence: 'online' }],
      stories: [],
      round,
      timer: null,
      closed: false,
    },
    seq: 12,
    serverTime: 1_700_000_000_500,
  },
} satisfies ServerMessage;

describe('encode and decode', () => {
  it('round-trips a client command', () => {
    const message: ClientMessage = { v: 1, t: 'vote.cast', id: 7, d: { card: '5' } };
    expect(decodeClientMessage(encode(message))).toStrictEqual(message);
  });

  it('round-trips a server room event and a session message', () => {
    const event: ServerMessage = { v: 1, t: 'vote.cast', seq: 42, d: { participantId: 'p_1' } };
    expect(decodeServerMessage(encode(event))).toStrictEqual(event);
    expect(decodeServerMessage(encode(welcome))).toStrictEqual(welcome);
  });

  it('writes plain MessagePack maps, no msgpackr records', () => {
    const bytes = encode({ v: 1, t: 'ping', id: 1, d: {} });
    // fixmap of 4 entries, then the key "v" (fixstr of 1) and the positive fixint 1.
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x84, 0xa1, 0x76, 0x01]);
  });
});

describe('decoding refuses bad frames, each with its code', () => {
  it('refuses an oversized client frame before parsing it', () => {
    // Garbage that would be malformed_frame if it were parsed: the size check must come first.
    const garbage = new Uint8Array(LIMITS.clientFrameBytes + 1).fill(0xc1);
    expectCode(
      refusal(decodeClientMessage, garbage),
      'frame_too_large',
      /65537 bytes exceeds the 65536-byte/,
    );
    expectCode(refusal(decodeClientMessage, garbage.subarray(1)), 'malformed_frame');
  });

  it('refuses an oversized but otherwise valid client frame as too large', () => {
    const bytes = encode({
      v: 1,
      t: 'story.add',
      id: 1,
      d: { title: 'big', description: 'x'.repeat(LIMITS.clientFrameBytes) },
    });
    expectCode(refusal(decodeClientMessage, bytes), 'frame_too_large');
  });

  it('refuses an oversized server frame before parsing it', () => {
    const garbage = new Uint8Array(LIMITS.serverFrameBytes + 1).fill(0xc1);
    expectCode(refusal(decodeServerMessage, garbage), 'frame_too_large');
  });

  it('refuses bytes that are not MessagePack', () => {
    for (const bytes of [[], [0xc1], [0x84, 0xa1], [0x81, 0xa1, 0x76], [0x01, 0x02]]) {
      expectCode(refusal(decodeClientMessage, new Uint8Array(bytes)), 'malformed_frame');
      expectCode(refusal(decodeServerMessage, new Uint8Array(bytes)), 'malformed_frame');
    }
  });

  it('refuses trailing bytes after the frame', () => {
    const bytes = encode({ v: 1, t: 'ping', id: 1, d: {} });
    const longer = new Uint8Array([...bytes, 0xc0]);
    expectCode(refusal(decodeClientMessage, longer), 'malformed_frame');
  });

  it('refuses frames that are not binary', () => {
    expectCode(refusal(decodeClientMessage, 'hello' as unknown as Uint8Array), 'malformed_frame', /binary/);
  });

  it('refuses MessagePack values that are not maps', () => {
    for (const value of [[1, 'vote.cast'], 'vote.cast', 42, null, true]) {
      expectCode(clientRefusal(value), 'malformed_frame', /MessagePack map/);
      expectCode(serverRefusal(value), 'malformed_frame', /MessagePack map/);
    }
  });

  it('refuses a wrong or missing protocol version', () => {
    expectCode(clientRefusal({ v: 2, t: 'ping', id: 1, d: {} }), 'unsupported_version', /v=2/);
    expectCode(clientRefusal({ v: '1', t: 'ping', id: 1, d: {} }), 'unsupported_version', /v="1"/);
    expectCode(clientRefusal({ t: 'ping', id: 1, d: {} }), 'unsupported_version', /v=undefined/);
    expectCode(
      serverRefusal({ v: 0, t: 'vote.cast', seq: 1, d: { participantId: 'p' } }),
      'unsupported_version',
    );
  });

  it('refuses a missing or non-string type', () => {
    expectCode(clientRefusal({ v: 1, id: 1, d: {} }), 'invalid_payload', /string "t"/);
    expectCode(clientRefusal({ v: 1, t: 7, id: 1, d: {} }), 'invalid_payload', /string "t"/);
    expectCode(serverRefusal({ v: 1, d: {} }), 'invalid_payload', /string "t"/);
  });

  it('refuses an unknown type', () => {
    expectCode(clientRefusal({ v: 1, t: 'vote.steal', id: 1, d: {} }), 'unknown_type', /"vote.steal"/);
    expectCode(clientRefusal({ v: 1, t: 'welcome', id: 1, d: {} }), 'unknown_type');
    expectCode(serverRefusal({ v: 1, t: 'vote.stolen', seq: 1, d: {} }), 'unknown_type', /"vote.stolen"/);
    expectCode(serverRefusal({ v: 1, t: 'round.reveal', d: {} }), 'unknown_type');
  });

  it('refuses a missing or out-of-range request id', () => {
    for (const id of [undefined, -1, 1.5, LIMITS.maxRequestId + 1, '1', null]) {
      const frame = id === undefined ? { v: 1, t: 'ping', d: {} } : { v: 1, t: 'ping', id, d: {} };
      expectCode(clientRefusal(frame), 'invalid_payload', /"id" must be an integer from 0 to 4294967295/);
    }
    expect(decodeClientMessage(pack({ v: 1, t: 'ping', id: LIMITS.maxRequestId, d: {} })).id).toBe(
      LIMITS.maxRequestId,
    );
  });

  it('refuses an unknown envelope field on a client frame', () => {
    expectCode(
      clientRefusal({ v: 1, t: 'ping', id: 1, d: {}, x: 1 }),
      'invalid_payload',
      /envelope field "x"/,
    );
    expectCode(clientRefusal({ v: 1, t: 'ping', id: 1, seq: 3, d: {} }), 'invalid_payload', /no "seq"/);
  });

  it('names the field at fault in an invalid payload', () => {
    expectCode(clientRefusal({ v: 1, t: 'vote.cast', id: 1, d: { card: 5 } }), 'invalid_payload', /d\/card/);
    expectCode(
      clientRefusal({ v: 1, t: 'vote.cast', id: 1, d: { card: '123456789' } }),
      'invalid_payload',
      /^vote\.cast: d\/card: .*8/,
    );
    expectCode(
      clientRefusal({ v: 1, t: 'timer.start', id: 1, d: { seconds: 1 } }),
      'invalid_payload',
      /^timer\.start: d\/seconds: .*5/,
    );
    expectCode(
      clientRefusal({ v: 1, t: 'story.import', id: 1, d: { stories: [{ title: 'ok' }, { title: '' }] } }),
      'invalid_payload',
      /d\/stories\/1\/title/,
    );
    expectCode(clientRefusal({ v: 1, t: 'vote.cast', id: 1 }), 'invalid_payload', /^vote\.cast: d: /);
    expectCode(
      clientRefusal({ v: 1, t: 'story.reorder', id: 1, d: { storyIds: ['a', 'a'] } }),
      'invalid_payload',
      /d\/storyIds/,
    );
  });

  it('refuses an unknown field inside a client payload', () => {
    expectCode(
      clientRefusal({ v: 1, t: 'vote.cast', id: 1, d: { card: '5', comment: 'hi' } }),
      'invalid_payload',
      /d\/comment/,
    );
  });

  it('refuses a custom deck with duplicate labels as invalid_deck', () => {
    const cards = [
      { label: 'S', value: 1 },
      { label: 'M', value: 2 },
      { label: 'S', value: 3 },
    ];
    expectCode(
      clientRefusal({ v: 1, t: 'room.update', id: 1, d: { deck: { kind: 'custom', cards } } }),
      'invalid_deck',
      /"S" appears twice/,
    );
  });

  it('refuses a custom deck without cards or with blank labels as invalid_deck', () => {
    expectCode(
      clientRefusal({ v: 1, t: 'room.update', id: 1, d: { deck: { kind: 'custom' } } }),
      'invalid_deck',
    );
    const blank = [
      { label: ' ', value: 1 },
      { label: 'M', value: 2 },
    ];
    expectCode(
      clientRefusal({ v: 1, t: 'room.update', id: 1, d: { deck: { kind: 'custom', cards: blank } } }),
      'invalid_deck',
      /blank/,
    );
  });

  it('refuses a custom deck that breaks the schema as invalid_payload, naming the field', () => {
    const one = [{ label: 'S', value: 1 }];
    expectCode(
      clientRefusal({ v: 1, t: 'room.update', id: 1, d: { deck: { kind: 'custom', cards: one } } }),
      'invalid_payload',
      /d\/deck\/cards/,
    );
  });

  it('accepts a preset deck without cards', () => {
    const bytes = pack({ v: 1, t: 'room.update', id: 1, d: { deck: { kind: 't-shirt' } } });
    expect(decodeClientMessage(bytes).d).toEqual({ deck: { kind: 't-shirt' } });
  });

  it('refuses a room event without a valid seq', () => {
    for (const seq of [undefined, 0, -1, 1.5, '3', 2 ** 53]) {
      const frame = {
        v: 1,
        t: 'vote.cast',
        d: { participantId: 'p' },
        ...(seq === undefined ? {} : { seq }),
      };
      expectCode(serverRefusal(frame), 'invalid_payload', /"seq"/);
    }
  });

  it('refuses an invalid server payload, naming the field', () => {
    expectCode(
      serverRefusal({ v: 1, t: 'participant.presence', seq: 1, d: { participantId: 'p', presence: 'busy' } }),
      'invalid_payload',
      /d\/presence/,
    );
  });
});

describe('errors name the refused command', () => {
  it('carries the request id when the frame had a valid one', () => {
    expect(clientRefusal({ v: 1, t: 'vote.cast', id: 9, d: { card: 5 } }).requestId).toBe(9);
    expect(clientRefusal({ v: 1, t: 'vote.steal', id: 10, d: {} }).requestId).toBe(10);
    const cards = [
      { label: 'S', value: 1 },
      { label: 'S', value: 2 },
    ];
    expect(
      clientRefusal({ v: 1, t: 'room.update', id: 11, d: { deck: { kind: 'custom', cards } } }).requestId,
    ).toBe(11);
  });

  it('carries no request id when there was none to read', () => {
    expect(clientRefusal({ v: 1, t: 'ping', id: -1, d: {} }).requestId).toBeUndefined();
    expect(clientRefusal({ v: 2, t: 'ping', id: 1, d: {} }).requestId).toBeUndefined();
    expect(refusal(decodeClientMessage, new Uint8Array([0xc1])).requestId).toBeUndefined();
  });
});

describe('additive compatibility', () => {
  it('server-message decoding drops unknown payload fields', () => {
    const frame = { v: 1, t: 'vote.cast', seq: 3, d: { participantId: 'p_1', weight: 2 } };
    expect(decodeServerMessage(pack(frame))).toStrictEqual({
      v: 1,
      t: 'vote.cast',
      seq: 3,
      d: { participantId: 'p_1' },
    });
  });

  it('server-message decoding drops unknown fields deep inside nested objects and arrays', () => {
    const future = structuredClone(welcome) as unknown as {
      d: Record<string, unknown> & {
        you: object;
        room: { participants: object[]; deck: { cards: object[] } };
      };
    };
    future.d.mood = 'sunny';
    future.d.you = { ...future.d.you, pronouns: 'she/her' };
    future.d.room.participants = future.d.room.participants.map((p) => ({ ...p, timezone: 'UTC' }));
    future.d.room.deck.cards = future.d.room.deck.cards.map((card) => ({ ...card, color: 'red' }));
    expect(decodeServerMessage(pack(future))).toStrictEqual(welcome);
  });

  // Regression: unknown fields inside a member of a union (the room's round, a timer) made a
  // welcome from a newer v1 server fail validation instead of being dropped.
  it('server-message decoding drops unknown fields inside union members', () => {
    const future = structuredClone(welcome) as unknown as { d: { room: Record<string, unknown> } };
    future.d.room.round = { ...round, tags: ['x'] };
    future.d.room.timer = { startedAt: 1, endsAt: 2, seconds: 1, paused: false };
    const decoded = decodeServerMessage(pack(future));
    expect(decoded.t === 'welcome' && decoded.d.room.round).toStrictEqual(round);
    expect(decoded.t === 'welcome' && decoded.d.room.timer).toStrictEqual({
      startedAt: 1,
      endsAt: 2,
      seconds: 1,
    });
  });

  // Regression: an envelope field added within v1 made every older client refuse the frame.
  it('server-message decoding ignores unknown envelope fields', () => {
    const frame = { v: 1, t: 'vote.cast', seq: 3, d: { participantId: 'p_1' }, ts: 1_700_000_000_000 };
    expect(decodeServerMessage(pack(frame))).toStrictEqual({
      v: 1,
      t: 'vote.cast',
      seq: 3,
      d: { participantId: 'p_1' },
    });
  });

  it('does not mutate what it decoded when dropping fields', () => {
    const frame = { v: 1, t: 'ack', d: { id: 1, result: { replayed: 2, resume: 'replay', extra: true } } };
    expect(decodeServerMessage(pack(frame))).toStrictEqual({
      v: 1,
      t: 'ack',
      d: { id: 1, result: { replayed: 2, resume: 'replay' } },
    });
  });

  it('client-command decoding refuses the same unknown fields', () => {
    expectCode(clientRefusal({ v: 1, t: 'ping', id: 1, d: { extra: 1 } }), 'invalid_payload', /d\/extra/);
    expectCode(
      clientRefusal({ v: 1, t: 'room.update', id: 1, d: { settings: { autoReveal: true, theme: 'dark' } } }),
      'invalid_payload',
      /d\/settings\/theme/,
    );
  });

  it('still refuses an unknown server message type, which clients then ignore', () => {
    expectCode(serverRefusal({ v: 1, t: 'confetti', d: {} }), 'unknown_type');
  });
});

describe('interoperability with other MessagePack encoders', () => {
  // Regression: integers sent in the 64-bit wire formats (as some encoders do for every int64, or for
  // any value at or above 2^32) decoded to bigints and failed validation.
  it('reads int64 and uint64 integers as numbers', () => {
    const head = [0x84, 0xa1, 0x76, 0x01, 0xa1, 0x74, 0xa6, ...Buffer.from('resume'), 0xa2, 0x69, 0x64, 0x01];
    const d = [0xa1, 0x64, 0x81, 0xa7, ...Buffer.from('lastSeq')];
    const uint64 = [0xcf, 0, 0, 0, 1, 0, 0, 0, 0];
    const int64 = [0xd3, 0, 0, 0, 0, 0, 0, 0, 5];
    expect(decodeClientMessage(new Uint8Array([...head, ...d, ...uint64])).d).toEqual({ lastSeq: 2 ** 32 });
    expect(decodeClientMessage(new Uint8Array([...head, ...d, ...int64])).d).toEqual({ lastSeq: 5 });
  });

  it('reads integral floats as integers and refuses a 64-bit integer beyond 2^53', () => {
    expect(decodeClientMessage(pack({ v: 1, t: 'resume', id: 1, d: { lastSeq: 5.0 } })).d).toEqual({
      lastSeq: 5,
    });
    const head = [0x84, 0xa1, 0x76, 0x01, 0xa1, 0x74, 0xa6, ...Buffer.from('resume'), 0xa2, 0x69, 0x64, 0x01];
    const huge = [0xa1, 0x64, 0x81, 0xa7, ...Buffer.from('lastSeq'), 0xcf, 0xff, 0, 0, 0, 0, 0, 0, 0];
    expectCode(
      refusal(decodeClientMessage, new Uint8Array([...head, ...huge])),
      'invalid_payload',
      /lastSeq/,
    );
  });

  it('accepts map16 and map32 headers, not just fixmaps', () => {
    // Packr without variableMapSize writes every map with a map16 header.
    const bytes = pack({ v: 1, t: 'vote.cast', id: 1, d: { card: '5' } });
    expect(bytes[0]).toBe(0xde);
    expect(decodeClientMessage(bytes)).toStrictEqual({ v: 1, t: 'vote.cast', id: 1, d: { card: '5' } });
  });
});
