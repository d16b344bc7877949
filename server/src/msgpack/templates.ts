/**
 * MessagePack messages written from templates instead of encoded field by field: a template is an
 * encoder's own bytes for a message with a marker in place of each value that varies, cut at the
 * markers, so the encoder decides every byte around the values (map headers, keys, their order) and
 * only the values are written here: unsigned integers up to 32 bits, ASCII strings up to 255 bytes,
 * and float64s. Whoever uses a template checks that its values are of those kinds, and takes the
 * encoder's path otherwise; its tests compare the bytes with the encoder's.
 *
 * Why: on the server's hottest paths an encoder's generic walk over an object costs several times
 * what writing the few bytes that vary does (docs/performance.md, "Codec").
 *
 * @example
 * ```ts
 * const template = templateOf(packr.pack({ seq: MARKER_UINT }), ['uint']);
 * start(maxBytes(template, 5));
 * put(template[0]); putUint(42); put(template[1]);
 * const bytes = finish(); // packr.pack({ seq: 42 })
 * ```
 */

/** A uint32 encoders write as `ce fe dc ba 98`: five bytes no message of ours contains by chance. */
export const MARKER_UINT = 0xfedcba98;
/** A string encoders write as a fixstr of these bytes; no key or constant of a message contains it. */
export const MARKER_STRING = '\u0001frame\u0002template\u0003';
/** A double encoders write as `cb` and these eight bytes, none a time or a count of ours. */
export const MARKER_FLOAT = -1.25e-300;

/** The kinds of value a template leaves out, each found in the encoder's bytes by its marker. */
export type ValueKind = 'uint' | 'ascii' | 'float';

/** A template: the encoder's bytes between the values, in order (one more part than values). */
export type Template = readonly Buffer[];

/**
 * Messages are written into shared chunks, as msgpackr does: a message is a view, never a copy, and
 * a chunk is left to the messages viewing it once full. Buffers, because some consumers (ioredis)
 * take only those as binary.
 */
const CHUNK_BYTES = 8192;
let chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
let view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
/** Where the message being written starts, and where its next byte goes. */
let position = 0;
let end = 0;

/** The most bytes a value of each kind adds: a uint32 (5), a str8 of 255 (257), a float64 (9). */
export const MAX_VALUE_BYTES: Readonly<Record<ValueKind, number>> = { uint: 5, ascii: 257, float: 9 };

/** An upper bound on the bytes of a message from `template` with values adding at most `values`. */
export function maxBytes(template: Template, values: number): number {
  let bytes = values;
  for (const part of template) bytes += part.length;
  return bytes;
}

/** Cuts an encoder's `bytes` at the marker of each kind in `kinds`, in order. */
export function templateOf(bytes: Uint8Array, kinds: readonly ValueKind[]): Template {
  const parts: Buffer[] = [];
  let from = 0;
  for (const kind of kinds) {
    const marker = MARKERS[kind];
    const at = indexOf(bytes, marker, from);
    if (at < 0) throw new Error(`template: no ${kind} marker after byte ${from}`);
    parts.push(Buffer.from(bytes.slice(from, at)));
    from = at + marker.length;
  }
  parts.push(Buffer.from(bytes.slice(from)));
  return parts;
}

/** Starts a message of at most `bytes` bytes; one not finished is simply written over by the next. */
export function start(bytes: number): void {
  if (position + bytes > chunk.length) {
    chunk = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, bytes));
    view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    position = 0;
  }
  end = position;
}

/** Ends the message started last, as its own view of the chunk. */
export function finish(): Buffer {
  const message = chunk.subarray(position, end);
  // Word-aligned starts, as msgpackr's: copying a message out of the chunk is a little faster.
  position = (end + 7) & ~7;
  return message;
}

/** Appends a part of a template. */
export function put(part: Uint8Array): void {
  // `set` costs about 17 ns whatever the length, a loop about 2 ns a byte (Node 20): a loop for
  // the shortest parts only.
  if (part.length < 8)
    for (let index = 0; index < part.length; index++) chunk[end + index] = part[index] as number;
  else chunk.set(part, end);
  end += part.length;
}

/** Whether `value` is written by {@link putUint}: an integer from 0 to 2^32 − 1. */
export const isUint32 = (value: number): boolean => value >>> 0 === value;

/** Appends an unsigned integer up to 32 bits ({@link isUint32}) in MessagePack's shortest form. */
export function putUint(value: number): void {
  if (value < 0x80) chunk[end++] = value;
  else if (value < 0x100) {
    chunk[end++] = 0xcc;
    chunk[end++] = value;
  } else if (value < 0x10000) {
    chunk[end++] = 0xcd;
    view.setUint16(end, value);
    end += 2;
  } else {
    chunk[end++] = 0xce;
    view.setUint32(end, value);
    end += 4;
  }
}

/**
 * Appends an ASCII string of at most 255 characters as fixstr or str8, as encoders write it; any
 * other string is refused (`false`), and the message must then be encoded instead.
 */
export function putAscii(value: string): boolean {
  const length = value.length;
  if (length > 0xff) return false;
  const at = end;
  let next = length < 0x20 ? at + 1 : at + 2;
  for (let index = 0; index < length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0x80) return false;
    chunk[next++] = code;
  }
  if (length < 0x20) chunk[at] = 0xa0 | length;
  else {
    chunk[at] = 0xd9;
    chunk[at + 1] = length;
  }
  end = next;
  return true;
}

/** Appends the header of an array of `count` items (up to 2^32 − 1), as encoders write it. */
export function putArrayHeader(count: number): void {
  if (count < 0x10) chunk[end++] = 0x90 | count;
  else if (count < 0x10000) {
    chunk[end++] = 0xdc;
    view.setUint16(end, count);
    end += 2;
  } else {
    chunk[end++] = 0xdd;
    view.setUint32(end, count);
    end += 4;
  }
}

/** Appends a number as a float64, as msgpackr writes every number that is not a 32-bit integer. */
export function putFloat(value: number): void {
  chunk[end++] = 0xcb;
  view.setFloat64(end, value);
  end += 8;
}

/** Each marker as encoders write it (and as the writers above do). */
const MARKERS: Readonly<Record<ValueKind, Uint8Array>> = {
  uint: written(() => putUint(MARKER_UINT)),
  ascii: written(() => putAscii(MARKER_STRING)),
  float: written(() => putFloat(MARKER_FLOAT)),
};

function written(write: () => void): Uint8Array {
  start(MAX_VALUE_BYTES.ascii);
  write();
  return Uint8Array.from(finish());
}

function indexOf(bytes: Uint8Array, marker: Uint8Array, from: number): number {
  search: for (let at = from; at + marker.length <= bytes.length; at++) {
    for (let index = 0; index < marker.length; index++)
      if (bytes[at + index] !== marker[index]) continue search;
    return at;
  }
  return -1;
}
