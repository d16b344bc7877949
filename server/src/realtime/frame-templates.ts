import { encode, type ProtocolVersion, type ServerMessage } from '@pokerroom/protocol';

/**
 * The two frames every vote costs (its `ack`, and the `vote.cast` event the room receives),
 * written from templates instead of encoded field by field. Each template is the protocol codec's
 * own encoding of the frame with a marker in place of each value that varies, cut at the markers:
 * the codec decides every byte around the values (map headers, keys, their order, `v`), and only
 * the values are written here — MessagePack's unsigned integers up to 32 bits, and ASCII strings
 * up to 255 bytes. Anything else (a larger number, a string with other characters) takes the
 * codec's path, which gives the same bytes. `server/test/realtime/frame-templates.test.ts` checks
 * that, byte for byte, against the codec for every kind of value.
 *
 * Why: at the durable maximum the codec's generic object walk cost about 1.2 µs a frame on the
 * server (a CPU profile put 13 % of the main thread's busy time in those two encodes), where a
 * template writes a frame in a small fraction of that (docs/performance.md, "Codec").
 */

/** A uint32 the codec writes as `ce fe dc ba 98`: five bytes no frame of ours contains by chance. */
const MARKER_NUMBER = 0xfedcba98;
/** A string the codec writes as a fixstr of these bytes; no key or constant of a frame contains it. */
const MARKER_STRING = '\u0001frame\u0002template\u0003';

/** Frames are written into shared chunks, as the codec does: a frame is a view, never a copy. */
const CHUNK_BYTES = 8192;
/** The most a templated frame's values add to its template: a uint32 (5) and a str8 of 255 (257). */
const MAX_VALUE_BYTES = 5 + 257;

let chunk = new Uint8Array(CHUNK_BYTES);
let position = 0;

/** Room for `bytes` more in the current chunk; a full chunk is left to the frames viewing it. */
function reserve(bytes: number): Uint8Array {
  if (position + bytes > chunk.length) {
    chunk = new Uint8Array(CHUNK_BYTES);
    position = 0;
  }
  return chunk;
}

/** A template: the codec's bytes between the values, in order (one more part than values). */
type Template = readonly Uint8Array[];

/** Cuts the codec's encoding of `message` at each marker, in the order given. */
function templateOf(message: ServerMessage, markers: readonly Uint8Array[]): Template {
  const bytes = encode(message);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const marker of markers) {
    const at = indexOf(bytes, marker, from);
    if (at < 0) throw new Error(`frame template: marker not found in ${message.t}`);
    parts.push(bytes.slice(from, at));
    from = at + marker.length;
  }
  parts.push(bytes.slice(from));
  return parts;
}

function indexOf(bytes: Uint8Array, marker: Uint8Array, from: number): number {
  search: for (let at = from; at + marker.length <= bytes.length; at++) {
    for (let index = 0; index < marker.length; index++)
      if (bytes[at + index] !== marker[index]) continue search;
    return at;
  }
  return -1;
}

/** Whether `value` is written by {@link writeUint}: an integer from 0 to 2^32 − 1. */
const isUint32 = (value: number): boolean => value >>> 0 === value;

/** Writes an unsigned integer up to 32 bits as MessagePack's shortest form; returns the new end. */
function writeUint(target: Uint8Array, at: number, value: number): number {
  if (value < 0x80) {
    target[at] = value;
    return at + 1;
  }
  if (value < 0x100) {
    target[at] = 0xcc;
    target[at + 1] = value;
    return at + 2;
  }
  if (value < 0x10000) {
    target[at] = 0xcd;
    target[at + 1] = value >>> 8;
    target[at + 2] = value & 0xff;
    return at + 3;
  }
  target[at] = 0xce;
  target[at + 1] = value >>> 24;
  target[at + 2] = (value >>> 16) & 0xff;
  target[at + 3] = (value >>> 8) & 0xff;
  target[at + 4] = value & 0xff;
  return at + 5;
}

/** Writes an ASCII string of at most 255 characters as fixstr or str8; -1 (nothing kept) for any other. */
function writeAscii(target: Uint8Array, at: number, value: string): number {
  const length = value.length;
  if (length > 0xff) return -1;
  let end = length < 0x20 ? at + 1 : at + 2;
  for (let index = 0; index < length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0x80) return -1;
    target[end++] = code;
  }
  if (length < 0x20) target[at] = 0xa0 | length;
  else {
    target[at] = 0xd9;
    target[at + 1] = length;
  }
  return end;
}

/** The markers as the codec writes them (and as the writers below do). */
const NUMBER_MARKER = written((target) => writeUint(target, 0, MARKER_NUMBER));
const STRING_MARKER = written((target) => writeAscii(target, 0, MARKER_STRING));

function written(write: (target: Uint8Array) => number): Uint8Array {
  const target = new Uint8Array(MAX_VALUE_BYTES);
  return target.slice(0, write(target));
}

function copy(target: Uint8Array, at: number, part: Uint8Array): number {
  // A loop, not `set`: for the few bytes of a part, `set`'s own checks cost more than the copy.
  for (let index = 0; index < part.length; index++) target[at + index] = part[index] as number;
  return at + part.length;
}

/** Ends a frame written at `position` up to `end` in the current chunk, as its own view. */
function take(target: Uint8Array, end: number): Uint8Array {
  const frame = target.subarray(position, end);
  // Word-aligned starts, as the codec's: copying a frame out of the chunk is a little faster.
  position = (end + 7) & ~7;
  return frame;
}

/**
 * The command an `ack` answers, from the protocol's types (as `wire-versions.ts` names it too:
 * imported from there, it would make the two modules import each other).
 */
type AckedCommand = NonNullable<Extract<ServerMessage, { readonly t: 'ack' }>['d']['command']>;

const ackTemplates = new Map<string, Template>();

function ackTemplate(version: ProtocolVersion, command: AckedCommand): Template {
  const key = version === 1 ? '1' : `${version} ${command}`;
  let template = ackTemplates.get(key);
  if (template === undefined) {
    const d = version === 1 ? { id: MARKER_NUMBER } : { id: MARKER_NUMBER, command };
    template = templateOf({ t: 'ack', d, v: version } as ServerMessage, [NUMBER_MARKER]);
    ackTemplates.set(key, template);
  }
  return template;
}

/**
 * The `ack` of command `id` without a result, in `version`'s wire form: the bytes of
 * `encode(ackIn(version, id, command, undefined))`, written from a template; `null` when `id` is
 * beyond 32 bits (the caller encodes it then).
 */
export function ackFrame(version: ProtocolVersion, id: number, command: AckedCommand): Uint8Array | null {
  if (!isUint32(id)) return null;
  const [head, tail] = ackTemplate(version, command) as [Uint8Array, Uint8Array];
  const target = reserve(head.length + MAX_VALUE_BYTES + tail.length);
  let end = copy(target, position, head);
  end = writeUint(target, end, id);
  return take(target, copy(target, end, tail));
}

type VoteCastPayload = Extract<ServerMessage, { readonly t: 'vote.cast' }>['d'];
/**
 * The fields of `vote.cast`'s payload, all of which its template writes: a field added to the
 * protocol's `vote.cast` fails to compile here, before the template could leave it out.
 */
const VOTE_CAST_FIELDS: Record<keyof VoteCastPayload, true> = { participantId: true };

const voteCastTemplates: Template[] = [];

function voteCastTemplate(version: ProtocolVersion): Template {
  let template = voteCastTemplates[version];
  if (template === undefined) {
    const d: Record<keyof typeof VOTE_CAST_FIELDS, string> = { participantId: MARKER_STRING };
    const message = { t: 'vote.cast', seq: MARKER_NUMBER, d, v: version };
    template = templateOf(message as ServerMessage, [NUMBER_MARKER, STRING_MARKER]);
    voteCastTemplates[version] = template;
  }
  return template;
}

/**
 * A `vote.cast` event as the room receives it, in `version`'s wire form (`t`, `seq`, `d`, `v`, as
 * `encodeIn` builds every room event): written from a template; `null` when the template cannot
 * write it (`seq` beyond 32 bits, a participant's id that is not ASCII of at most 255 characters,
 * or a payload that is not exactly `{ participantId }`), and the caller encodes it then.
 */
export function voteCastFrame(version: ProtocolVersion, seq: number, d: VoteCastPayload): Uint8Array | null {
  if (!isUint32(seq) || !hasOnlyParticipant(d)) return null;
  const [head, middle, tail] = voteCastTemplate(version) as [Uint8Array, Uint8Array, Uint8Array];
  const target = reserve(head.length + middle.length + MAX_VALUE_BYTES + tail.length);
  let end = copy(target, position, head);
  end = writeUint(target, end, seq);
  end = copy(target, end, middle);
  end = writeAscii(target, end, d.participantId);
  if (end < 0) return null;
  return take(target, copy(target, end, tail));
}

/**
 * Checked at run time as well as by the compiler ({@link VOTE_CAST_FIELDS}): `encodeIn` takes
 * messages from outside the type system too (tests, replays of stored events).
 */
function hasOnlyParticipant(d: VoteCastPayload): boolean {
  let fields = 0;
  for (const key in d) if (Object.hasOwn(d, key)) fields++;
  return fields === 1 && typeof d.participantId === 'string';
}
