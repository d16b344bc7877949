import {
  CLIENT_COMMAND_TYPES,
  CLIENT_COMMANDS,
  type ClientMessage,
  COMMAND_SINCE,
  DECK_KINDS,
  decodeClientMessage,
  decodeServerMessage,
  encode,
  isSafeText,
  LIMITS,
  ProtocolError,
  ROOM_EVENT_TYPES,
  ROOM_EVENTS,
  SAFE_TEXT_PATTERN,
  SESSION_EVENT_TYPES,
  SESSION_EVENTS,
  type ServerMessage,
  toWireForm,
} from '@pokerroom/protocol';
import { Kind, KindGuard, type TSchema } from '@sinclair/typebox';
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';

/**
 * An arbitrary of values valid under a TypeBox schema, for the kinds the protocol uses. Deriving
 * the generators from the schemas means a field added to a message is generated without anyone
 * remembering to; a kind this does not know fails loudly instead of generating nothing.
 */
function arbitraryOf(
  schema: TSchema,
  overrides: ReadonlyMap<TSchema, fc.Arbitrary<unknown>>,
): fc.Arbitrary<unknown> {
  const override = overrides.get(schema);
  if (override !== undefined) return override;
  if (KindGuard.IsObject(schema)) {
    const entries = Object.entries(schema.properties);
    const shape = Object.fromEntries(entries.map(([key, inner]) => [key, arbitraryOf(inner, overrides)]));
    const requiredKeys = entries.filter(([, inner]) => !KindGuard.IsOptional(inner)).map(([key]) => key);
    // Plain objects, as a decoder produces: fast-check would otherwise make null-prototype ones.
    return fc.record(shape, { requiredKeys, noNullPrototype: true });
  }
  if (KindGuard.IsUnion(schema))
    return fc.oneof(...schema.anyOf.map((member) => arbitraryOf(member, overrides)));
  if (KindGuard.IsLiteral(schema)) return fc.constant(schema.const);
  if (KindGuard.IsNull(schema)) return fc.constant(null);
  if (KindGuard.IsBoolean(schema)) return fc.boolean();
  if (KindGuard.IsString(schema)) {
    const strings = stringOf(schema.minLength ?? 0, schema.maxLength ?? 256);
    return schema.pattern === SAFE_TEXT_PATTERN ? strings.filter(isSafeText) : strings;
  }
  if (KindGuard.IsInteger(schema)) {
    return fc.integer({
      min: Math.max(schema.minimum ?? Number.MIN_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
      max: Math.min(schema.maximum ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    });
  }
  if (KindGuard.IsNumber(schema)) {
    const bounds = {
      ...(schema.minimum === undefined ? {} : { min: schema.minimum }),
      ...(schema.maximum === undefined ? {} : { max: schema.maximum }),
    };
    // MessagePack has no negative zero for integers: -0 is written as 0, so generate 0 instead.
    return fc
      .double({ ...bounds, noNaN: true, noDefaultInfinity: true })
      .map((value) => (Object.is(value, -0) ? 0 : value));
  }
  if (KindGuard.IsArray(schema)) {
    const items = arbitraryOf(schema.items, overrides);
    const bounds = { minLength: schema.minItems ?? 0, maxLength: schema.maxItems ?? 8 };
    return schema.uniqueItems === true
      ? fc.uniqueArray(items, { ...bounds, selector: (item) => JSON.stringify(item) })
      : fc.array(items, bounds);
  }
  throw new Error(`no arbitrary for schema kind ${schema[Kind]}`);
}

function plainRecord<T>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(shape, { noNullPrototype: true });
}

// Lengths are UTF-16 code units, as the schemas count them; mixing ASCII with any well-formed
// Unicode covers multi-byte UTF-8 and surrogate pairs without lone surrogates (which UTF-8 cannot carry).
function stringOf(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const generated = Math.min(maxLength, 40);
  return fc
    .oneof(
      fc.string({ minLength, maxLength: generated }),
      fc.string({ unit: 'grapheme', minLength, maxLength: generated }),
      fc.string({ unit: 'binary', minLength, maxLength: generated }),
    )
    .filter((value) => value.length >= minLength && value.length <= maxLength);
}

// A custom deck must also have distinct, non-blank labels, which no JSON Schema can say.
const cardsArbitrary = fc.uniqueArray(
  plainRecord({
    label: stringOf(1, LIMITS.cardLabelLength).filter((label) => label.trim() !== '' && isSafeText(label)),
    value: fc.oneof(
      fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0),
    ),
  }),
  { minLength: LIMITS.minDeckSize, maxLength: LIMITS.maxDeckSize, selector: (card) => card.label },
);
const deckArbitrary = fc.oneof(
  plainRecord({ kind: fc.constant('custom'), cards: cardsArbitrary }),
  fc.record(
    { kind: fc.constantFrom(...DECK_KINDS.filter((kind) => kind !== 'custom')), cards: cardsArbitrary },
    { requiredKeys: ['kind'], noNullPrototype: true },
  ),
);
const roomUpdate = CLIENT_COMMANDS['room.update'].properties.deck;
const overrides = new Map<TSchema, fc.Arbitrary<unknown>>([[roomUpdate, deckArbitrary]]);

const requestId = fc.integer({ min: 0, max: LIMITS.maxRequestId });
const seq = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

const clientMessageOf = (t: (typeof CLIENT_COMMAND_TYPES)[number]) =>
  plainRecord({
    // A command added after v1 is generated in the version that brought it.
    v: fc.constant(COMMAND_SINCE[t] ?? 1),
    t: fc.constant(t),
    id: requestId,
    d: arbitraryOf(CLIENT_COMMANDS[t], overrides),
  });
const roomEventOf = (t: (typeof ROOM_EVENT_TYPES)[number]) =>
  plainRecord({ v: fc.constant(1), t: fc.constant(t), seq, d: arbitraryOf(ROOM_EVENTS[t], overrides) });
const sessionMessageOf = (t: (typeof SESSION_EVENT_TYPES)[number]) =>
  plainRecord({ v: fc.constant(1), t: fc.constant(t), d: arbitraryOf(SESSION_EVENTS[t], overrides) });

// The casts are the point of these arbitraries: they generate what the schemas (not the types) allow.
const clientMessage = fc.oneof(...CLIENT_COMMAND_TYPES.map(clientMessageOf)) as fc.Arbitrary<ClientMessage>;
const serverMessage = fc.oneof(
  ...ROOM_EVENT_TYPES.map(roomEventOf),
  ...SESSION_EVENT_TYPES.map(sessionMessageOf),
) as fc.Arbitrary<ServerMessage>;

/** A generated v1 message as v2 has it: acks name a command, errors a scope. */
function inV2(message: ServerMessage): ServerMessage {
  if (message.t === 'ack') return { ...message, v: 2, d: { command: 'ping', ...message.d } };
  if (message.t === 'error')
    return { ...message, v: 2, d: { scope: message.d.id === undefined ? 'frame' : 'command', ...message.d } };
  return { ...message, v: 2 };
}

const validFrame = fc.oneof(
  clientMessage.map((message) => encode(message)),
  serverMessage.map((message) => encode(message)),
);

/** Decodes with both decoders; anything thrown must be a ProtocolError. */
function decodesOrRefuses(bytes: Uint8Array): void {
  for (const decode of [decodeClientMessage, decodeServerMessage]) {
    try {
      decode(bytes);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
    }
  }
}

type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'insert'; at: number; byte: number }
  | { kind: 'delete'; at: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(frame: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Array.from(frame);
  for (const change of mutations) {
    const at = bytes.length === 0 ? 0 : change.at % bytes.length;
    if (change.kind === 'flip') bytes[at] = (bytes[at] ?? 0) ^ change.mask;
    else if (change.kind === 'insert') bytes.splice(at, 0, change.byte);
    else if (change.kind === 'delete') bytes.splice(at, 1);
    else bytes = bytes.slice(0, at);
  }
  return new Uint8Array(bytes);
}

// A foreign encoder: plain maps, but also whatever else MessagePack and msgpackr's extensions can carry.
const foreignPackr = new Packr({ useRecords: false });
const packOrSkip = (value: unknown): Uint8Array | null => {
  try {
    return foreignPackr.pack(value);
  } catch {
    return null; // e.g. a bigint wider than 64 bits: not a frame anyone can send
  }
};
const anything = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});
const allTypes = [...CLIENT_COMMAND_TYPES, ...ROOM_EVENT_TYPES, ...SESSION_EVENT_TYPES];
// Envelopes that get past the first checks, so the payload validators see the random values too.
const nearlyValid = fc.record(
  {
    v: fc.oneof(fc.constant(1), anything),
    t: fc.oneof(fc.constantFrom(...allTypes), fc.string()),
    id: fc.oneof(requestId, anything),
    seq: fc.oneof(seq, anything),
    d: anything,
  },
  { requiredKeys: ['v', 't'] },
);
const packedValue = fc
  .oneof(anything, nearlyValid)
  .map(packOrSkip)
  .filter((bytes): bytes is Uint8Array => bytes !== null);

describe('properties of the codec', () => {
  it('round-trips every valid client command', () => {
    fc.assert(
      fc.property(clientMessage, (message) => {
        expect(decodeClientMessage(encode(message), message.v)).toStrictEqual(message);
      }),
      { numRuns: 5000 },
    );
  });

  it('decodes a client command into values of its own: the bytes may be reused right after', () => {
    // The server decodes straight from the transport's buffer, which is reused once the frame's
    // callback returns; a decoded value that was a view of it would change under the room.
    fc.assert(
      fc.property(clientMessage, (message) => {
        const bytes = encode(message).slice();
        const decoded = decodeClientMessage(bytes, message.v);
        bytes.fill(0xc1);
        expect(decoded).toStrictEqual(message);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every valid server message in v1, without the fields only v2 has', () => {
    fc.assert(
      fc.property(serverMessage, (message) => {
        expect(decodeServerMessage(encode(message))).toStrictEqual(toWireForm(message));
      }),
      { numRuns: 5000 },
    );
  });

  it('round-trips every valid server message in v2, integers beyond 32 bits included', () => {
    fc.assert(
      fc.property(serverMessage, (v1) => {
        const message = inV2(v1);
        expect(decodeServerMessage(encode(message), 2)).toStrictEqual(message);
      }),
      { numRuns: 5000 },
    );
  });

  it('round-trips every valid client message in v2', () => {
    fc.assert(
      fc.property(clientMessage, (v1) => {
        const message = { ...v1, v: 2 } as ClientMessage;
        expect(decodeClientMessage(encode(message), 2)).toStrictEqual(message);
      }),
      { numRuns: 2000 },
    );
  });

  it('generates every message type', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(clientMessage, serverMessage), (message) => {
        seen.add(message.t);
      }),
      { numRuns: 2000 },
    );
    expect([...seen].sort()).toEqual([...new Set(allTypes)].sort());
  });

  it('decodes random bytes to a message or refuses them with a ProtocolError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), decodesOrRefuses), { numRuns: 5000 });
  });

  it('decodes mutated valid frames to a message or refuses them with a ProtocolError', () => {
    fc.assert(
      fc.property(validFrame, fc.array(mutation, { minLength: 1, maxLength: 4 }), (frame, changes) => {
        decodesOrRefuses(mutate(frame, changes));
      }),
      { numRuns: 5000 },
    );
  });

  it('decodes random MessagePack values to a message or refuses them with a ProtocolError', () => {
    fc.assert(fc.property(packedValue, decodesOrRefuses), { numRuns: 5000 });
  });
});
