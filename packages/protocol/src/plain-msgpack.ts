/**
 * Deepest nesting of arrays and maps a frame may have. The deepest frame of protocol v1 (a welcome
 * snapshot with a revealed round) nests seven levels; anything far deeper is an attack on the stack.
 */
export const MAX_FRAME_DEPTH = 32;

/**
 * Why `bytes` are not one plain MessagePack value, or `null` when they are. Plain means what the
 * protocol allows and any MessagePack library can write: nil, booleans, integers, floats, strings,
 * binary, arrays and maps with string keys — one value, nothing after it, nested at most
 * {@link MAX_FRAME_DEPTH} deep. Extension types (fixext, ext 8/16/32, including msgpackr's own
 * `undefined`, records and timestamps) and the never-used byte `0xc1` are refused: a decoder would
 * turn them into values no schema describes, such as `undefined` passing for an absent field.
 *
 * One pass over the bytes without building anything, iterative so no input can exhaust the stack.
 *
 * @example
 * ```ts
 * plainMessagePackProblem(new Uint8Array([0xd4, 0x00, 0x00])); // 'extension type at byte 0 …'
 * ```
 */
export function plainMessagePackProblem(bytes: Uint8Array): string | null {
  const scanned = scanValue(bytes, 0);
  if (typeof scanned === 'string') return scanned;
  return scanned === bytes.byteLength
    ? null
    : `${bytes.byteLength - scanned} byte(s) after the end of the value`;
}

/**
 * The request id of a client frame, read from its envelope without decoding anything else (the
 * envelope's `id` comes before its payload `d`), or `undefined` when it has no valid one. For
 * answering a frame refused unread, such as one over the rate limit.
 *
 * @example
 * ```ts
 * peekRequestId(encode({ v: 1, t: 'ping', id: 7, d: {} })); // 7
 * ```
 */
export function peekRequestId(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = bytes[0];
  let entries: number;
  let pos: number;
  if (head === undefined) return undefined;
  if (head >= 0x80 && head <= 0x8f) [entries, pos] = [head & 0x0f, 1];
  else if (head === 0xde && bytes.byteLength >= 3) [entries, pos] = [view.getUint16(1), 3];
  else return undefined;
  for (let i = 0; i < entries && i < 8; i++) {
    // An `id` key is the fixstr a2 69 64.
    const isId = bytes[pos] === 0xa2 && bytes[pos + 1] === 0x69 && bytes[pos + 2] === 0x64;
    const keyEnd = scanValue(bytes, pos);
    if (typeof keyEnd === 'string') return undefined;
    pos = keyEnd;
    if (isId) {
      const b = bytes[pos];
      if (b === undefined) return undefined;
      if (b <= 0x7f) return b;
      if (b === 0xcc && pos + 1 < bytes.byteLength) return view.getUint8(pos + 1);
      if (b === 0xcd && pos + 2 < bytes.byteLength) return view.getUint16(pos + 1);
      if (b === 0xce && pos + 4 < bytes.byteLength) return view.getUint32(pos + 1);
      return undefined;
    }
    const valueEnd = scanValue(bytes, pos);
    if (typeof valueEnd === 'string') return undefined;
    pos = valueEnd;
  }
  return undefined;
}

/**
 * The scan's stack of open arrays and maps: the items each still has to read (a map's entries
 * count twice: key and value), and whether it is a map. Kept here rather than made for every frame,
 * since a frame's scan was a fifth of what decoding it allocated; the scan calls nothing that could
 * scan again, so one stack serves every call.
 */
const remainingAt = new Float64Array(MAX_FRAME_DEPTH);
const mapAt = new Uint8Array(MAX_FRAME_DEPTH);

/** Where the plain MessagePack value starting at `start` ends, or why it is not one. */
function scanValue(bytes: Uint8Array, start: number): number | string {
  const end = bytes.byteLength;
  let depth = 0;
  let pos = start;
  for (;;) {
    if (pos >= end) return 'the frame ends in the middle of a value';
    const parentLeft = depth > 0 ? (remainingAt[depth - 1] as number) : 0;
    const isKey = depth > 0 && mapAt[depth - 1] === 1 && parentLeft % 2 === 0;
    if (depth > 0) remainingAt[depth - 1] = parentLeft - 1;
    const at = pos;
    const b = bytes[pos] as number;
    pos++;
    let length = 0; // bytes of payload after the header
    let children = -1; // items of a container, -1 for a scalar
    let map = false;
    let string = false;
    if (b <= 0x7f || b >= 0xe0 || b === 0xc0 || b === 0xc2 || b === 0xc3) {
      // positive or negative fixint, nil, false, true: the byte is the value
    } else if (b <= 0x8f) {
      children = (b & 0x0f) * 2;
      map = true;
    } else if (b <= 0x9f) {
      children = b & 0x0f;
    } else if (b <= 0xbf) {
      length = b & 0x1f;
      string = true;
    } else {
      const size = sizedHeader(b);
      if (size === null) {
        return b === 0xc1
          ? `byte 0x${hex(b)} at ${at} is not MessagePack`
          : `extension type at byte ${at} is not allowed: frames are plain MessagePack`;
      }
      if (pos + size.header > end) return 'the frame ends in the middle of a value';
      const count = size.header === 0 ? size.fixed : readUint(bytes, pos, size.header);
      pos += size.header;
      if (size.kind === 'map') {
        children = count * 2;
        map = true;
      } else if (size.kind === 'array') {
        children = count;
      } else {
        length = count;
        string = size.kind === 'str';
      }
    }
    if (isKey && !string) return `map key at byte ${at} is not a string`;
    if (children > 0) {
      // Every item takes at least a byte: a count beyond the bytes left is a lie.
      if (children > end - pos) return 'the frame ends in the middle of a value';
      if (depth + 1 > MAX_FRAME_DEPTH) return `values are nested more than ${MAX_FRAME_DEPTH} deep`;
      remainingAt[depth] = children;
      mapAt[depth] = map ? 1 : 0;
      depth++;
      continue;
    }
    pos += length;
    if (pos > end) return 'the frame ends in the middle of a value';
    while (depth > 0 && remainingAt[depth - 1] === 0) depth--;
    if (depth === 0) return pos;
  }
}

/** The big-endian unsigned integer of 1, 2 or 4 bytes at `pos` (the caller checked they are there). */
function readUint(bytes: Uint8Array, pos: number, size: 1 | 2 | 4): number {
  const b0 = bytes[pos] as number;
  if (size === 1) return b0;
  const b1 = bytes[pos + 1] as number;
  if (size === 2) return (b0 << 8) | b1;
  // Multiplied, not shifted: a shift by 24 would make the top bit a sign.
  return b0 * 0x1000000 + ((b1 << 16) | ((bytes[pos + 2] as number) << 8) | (bytes[pos + 3] as number));
}

type Sized = {
  readonly kind: 'str' | 'bin' | 'array' | 'map' | 'fixed';
  /** Bytes of the length field (0: the payload size is `fixed`). */
  readonly header: 0 | 1 | 2 | 4;
  readonly fixed: number;
};

const SIZED: ReadonlyMap<number, Sized> = new Map<number, Sized>([
  [0xc4, { kind: 'bin', header: 1, fixed: 0 }],
  [0xc5, { kind: 'bin', header: 2, fixed: 0 }],
  [0xc6, { kind: 'bin', header: 4, fixed: 0 }],
  [0xca, { kind: 'fixed', header: 0, fixed: 4 }],
  [0xcb, { kind: 'fixed', header: 0, fixed: 8 }],
  [0xcc, { kind: 'fixed', header: 0, fixed: 1 }],
  [0xcd, { kind: 'fixed', header: 0, fixed: 2 }],
  [0xce, { kind: 'fixed', header: 0, fixed: 4 }],
  [0xcf, { kind: 'fixed', header: 0, fixed: 8 }],
  [0xd0, { kind: 'fixed', header: 0, fixed: 1 }],
  [0xd1, { kind: 'fixed', header: 0, fixed: 2 }],
  [0xd2, { kind: 'fixed', header: 0, fixed: 4 }],
  [0xd3, { kind: 'fixed', header: 0, fixed: 8 }],
  [0xd9, { kind: 'str', header: 1, fixed: 0 }],
  [0xda, { kind: 'str', header: 2, fixed: 0 }],
  [0xdb, { kind: 'str', header: 4, fixed: 0 }],
  [0xdc, { kind: 'array', header: 2, fixed: 0 }],
  [0xdd, { kind: 'array', header: 4, fixed: 0 }],
  [0xde, { kind: 'map', header: 2, fixed: 0 }],
  [0xdf, { kind: 'map', header: 4, fixed: 0 }],
]);

// The headers from 0xc4 that carry a size; extension types (0xc7–0xc9, 0xd4–0xd8) and 0xc1 have none.
function sizedHeader(b: number): Sized | null {
  return SIZED.get(b) ?? null;
}

const hex = (b: number): string => b.toString(16).padStart(2, '0');
