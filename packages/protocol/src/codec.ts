import { Packr, Unpackr } from 'msgpackr';
import { COMMAND_SINCE } from './command-versions.js';
import type { ClientMessage } from './commands.js';
import { deckProblem } from './deck-problem.js';
import type { ErrorCode } from './error-codes.js';
import type { ServerMessage } from './events.js';
import { COMMAND_CHECKS, ROOM_EVENT_CHECKS, SESSION_EVENT_CHECKS } from './generated/validators.js';
import { LIMITS } from './limits.js';
import { plainMessagePackProblem } from './plain-msgpack.js';
import { ProtocolError, quoteInput } from './protocol-error.js';
import type { Check, Clean } from './validation.js';
import type { ProtocolVersion } from './version.js';
import { toWireForm } from './wire-form.js';

// Plain MessagePack maps only: no msgpackr records or structures, so any MessagePack library can
// speak the protocol. Variable map headers keep small maps (most payloads) one byte shorter.
// msgpackr writes `undefined` as an extension value, which decoders refuse: an optional field left
// `undefined` is left out instead, as JSON would.
// (`skipValues` predates msgpackr's typings, hence the options object declared apart.)
const packrOptions = {
  useRecords: false,
  variableMapSize: true,
  skipValues: [undefined],
  encodeUndefinedAsNil: true,
};
const packr = new Packr(packrOptions);
// Other encoders may send any integer as int64/uint64: read those as numbers while they are exact,
// so that only values beyond 2^53 (which no field allows) arrive as bigints and fail validation.
// Set after construction because msgpackr's typings predate the 'auto' option.
const unpackr = Object.assign(new Unpackr({ useRecords: false, mapsAsObjects: true }), {
  int64AsType: 'auto',
});

// The validators are generated from the schemas ahead of time (scripts/write-validators.ts): no
// TypeBox and no `new Function` at runtime, so the codec runs under a CSP without 'unsafe-eval'.
// `t` comes off the wire: only a table's own keys count, never `constructor` or `__proto__`.
const lookUp = <T>(table: Readonly<Record<string, T>>, t: string): T | undefined =>
  Object.hasOwn(table, t) ? table[t] : undefined;

/**
 * Encodes a message as one MessagePack frame, in the wire form of its version `v` (see
 * {@link toWireForm}): in v1, without the fields v1 never had; in v2, with every integer a
 * MessagePack integer. The caller is trusted: encode what the types allow.
 *
 * @example
 * ```ts
 * socket.send(encode({ v: 2, t: 'vote.cast', id: 1, d: { card: '5' } }));
 * ```
 */
export function encode(message: ClientMessage | ServerMessage): Uint8Array {
  return packr.pack(toWireForm(message));
}

/**
 * Decodes and validates a client → server frame of a connection that speaks `version` (default
 * 1). Strict: unknown types, unknown fields and values outside the schema are refused.
 *
 * @throws {@link ProtocolError} with `frame_too_large`, `malformed_frame`, `unsupported_version`,
 *   `unknown_type`, `invalid_payload` or `invalid_deck` — and never anything else, whatever the bytes.
 * @example
 * ```ts
 * const message = decodeClientMessage(bytes);
 * if (message.t === 'vote.cast') console.log(message.d.card);
 * ```
 */
export function decodeClientMessage(bytes: Uint8Array, version: ProtocolVersion = 1): ClientMessage {
  const envelope = readEnvelope(bytes, LIMITS.clientFrameBytes, true, version);
  const { t, id, d } = envelope;
  const validId = isRequestId(id);
  // Errors name the request id when there is one, so the sender can settle the right command.
  const fail = (code: ErrorCode, message: string): ProtocolError =>
    new ProtocolError(code, message, validId ? { requestId: id } : {});
  const check = lookUp(COMMAND_CHECKS, t);
  if (check === undefined) throw fail('unknown_type', `unknown command type ${quoteInput(t)}`);
  const since = COMMAND_SINCE[t as ClientMessage['t']] ?? 1;
  if (since > version)
    throw fail('unknown_type', `${t} is a command of protocol v${since}; this connection speaks v${version}`);
  if (!validId)
    throw fail('invalid_payload', `${t}: "id" must be an integer from 0 to ${LIMITS.maxRequestId}`);
  if ('seq' in envelope.raw) throw fail('invalid_payload', `${t}: client commands carry no "seq"`);
  const problem = validationProblem(check, d, t);
  if (problem !== null) throw fail('invalid_payload', problem);
  const message = { v: version, t, id, d } as ClientMessage;
  if (message.t === 'room.update' && message.d.deck !== undefined) {
    const deckError = deckInputProblem(message.d.deck);
    if (deckError !== null) throw fail('invalid_deck', deckError);
  }
  return message;
}

/**
 * Decodes and validates a server → client frame of a connection that speaks `version` (default
 * 1). Tolerant the way additive versioning needs: fields it does not know are dropped, so a newer
 * server can add fields within a version without breaking older clients. An unknown type throws
 * `unknown_type`, which clients should ignore. In v2 an `ack` must name its `command` and an
 * `error` its `scope`.
 *
 * @throws {@link ProtocolError} — and never anything else, whatever the bytes.
 * @example
 * ```ts
 * const message = decodeServerMessage(bytes);
 * if (message.t === 'welcome') console.log(message.d.room.name);
 * ```
 */
export function decodeServerMessage(bytes: Uint8Array, version: ProtocolVersion = 1): ServerMessage {
  // Not strict: envelope fields added later within a version are ignored, like unknown payload fields.
  const envelope = readEnvelope(bytes, LIMITS.serverFrameBytes, false, version);
  const { t, d, raw } = envelope;
  const roomEvent = lookUp(ROOM_EVENT_CHECKS, t);
  const entry = roomEvent ?? lookUp(SESSION_EVENT_CHECKS, t);
  if (entry === undefined)
    throw new ProtocolError('unknown_type', `unknown server message type ${quoteInput(t)}`);
  const [check, clean] = entry;
  // Every schema is strict, so a payload that passes as it is has no unknown field to drop: only
  // frames from a newer server pay for the cleaning walk.
  const payload = check(d) ? cleanUnknownFields(clean, d) : d;
  const problem = validationProblem(check, payload, t);
  if (problem !== null) throw new ProtocolError('invalid_payload', problem);
  if (version >= 2) {
    const missing = t === 'ack' ? 'command' : t === 'error' ? 'scope' : null;
    if (missing !== null && !Object.hasOwn(payload as object, missing))
      throw new ProtocolError('invalid_payload', `${t}: d/${missing} is required in v${version}`);
  }
  if (roomEvent === undefined) return { v: version, t, d: payload } as ServerMessage;
  const seq = raw.seq;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) {
    throw new ProtocolError('invalid_payload', `${t}: room events need an integer "seq" from 1`);
  }
  return { v: version, t, seq, d: payload } as ServerMessage;
}

interface Envelope {
  readonly t: string;
  readonly id: unknown;
  readonly d: unknown;
  readonly raw: Readonly<Record<string, unknown>>;
}

const ENVELOPE_KEYS = new Set(['v', 't', 'id', 'seq', 'd']);

function readEnvelope(
  bytes: Uint8Array,
  maxBytes: number,
  strict: boolean,
  version: ProtocolVersion,
): Envelope {
  if (!(bytes instanceof Uint8Array)) throw new ProtocolError('malformed_frame', 'a frame must be binary');
  if (bytes.byteLength > maxBytes) {
    throw new ProtocolError(
      'frame_too_large',
      `frame of ${bytes.byteLength} bytes exceeds the ${maxBytes}-byte limit`,
    );
  }
  // Before msgpackr sees the bytes: it would turn extension types into values no schema describes.
  const problem = plainMessagePackProblem(bytes);
  if (problem !== null) throw new ProtocolError('malformed_frame', `malformed frame: ${problem}`);
  let value: unknown;
  try {
    value = unpackr.unpack(bytes);
  } catch (cause) {
    throw new ProtocolError('malformed_frame', undefined, { cause });
  }
  if (!isPlainObject(value)) throw new ProtocolError('malformed_frame', 'a frame must be a MessagePack map');
  if (value.v !== version) {
    // Since v2, named by its id when it has one, so the sender can settle the command it meant.
    throw new ProtocolError(
      'unsupported_version',
      `frame has v=${describe(value.v)}; this connection speaks v${version}`,
      version >= 2 && isRequestId(value.id) ? { requestId: value.id } : {},
    );
  }
  const t = value.t;
  if (typeof t !== 'string') throw new ProtocolError('invalid_payload', 'a frame needs a string "t"');
  for (const key of strict ? Object.keys(value) : []) {
    if (!ENVELOPE_KEYS.has(key))
      throw new ProtocolError(
        'invalid_payload',
        `${t.length <= 64 ? t : quoteInput(t)}: unknown envelope field ${quoteInput(key)}`,
      );
  }
  return { t, id: value.id, d: value.d, raw: value };
}

// Names the first failing field the way TypeBox's `Errors(...).First()` did: `vote.cast: d/card: …`.
function validationProblem(check: Check, value: unknown, t: string): string | null {
  const problem = check(value);
  return problem ? `${t}: d${problem[0]}: ${problem[1]}` : null;
}

function deckInputProblem(deck: {
  kind: string;
  cards?: { label: string; value: number | null }[];
}): string | null {
  if (deck.kind !== 'custom') return null;
  if (deck.cards === undefined) return 'a custom deck needs its cards';
  const problem = deckProblem({ kind: 'custom', cards: deck.cards });
  return problem === null ? null : `invalid deck: ${problem}`;
}

// The generated cleaners walk the schema and, for a union, keep the first member that validates
// once cleaned: a newer server's extra field in `welcome.d.room.round` must not fail validation.
// They build new objects: the decoded value is never mutated.
function cleanUnknownFields(clean: Clean, value: unknown): unknown {
  try {
    return clean(value);
  } catch {
    return value; // the validation that follows reports what is wrong
  }
}

function isRequestId(id: unknown): id is number {
  return Number.isInteger(id) && (id as number) >= 0 && (id as number) <= LIMITS.maxRequestId;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return quoteInput(value);
  return typeof value === 'number' ? JSON.stringify(value) : typeof value;
}
