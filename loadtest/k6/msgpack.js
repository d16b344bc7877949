/**
 * Just enough MessagePack for the load test to read the server's frames inside k6, which has no
 * MessagePack library. A frame is a map `{v, t, id?, seq?, d}` (docs/protocol.md, "Envelope");
 * the script needs only its type `t` and, for `ack` and `error`, `d.id` (the command answered) and
 * `d.code`. Everything else is skipped without being decoded.
 */

/** Bytes that follow a header byte of a fixed-size type (nil, bool, numbers, fixext). */
const FIXED = {
  192: 0, // nil
  194: 0, // false
  195: 0, // true
  202: 4, // float 32
  203: 8, // float 64
  204: 1, // uint 8
  205: 2, // uint 16
  206: 4, // uint 32
  207: 8, // uint 64
  208: 1, // int 8
  209: 2, // int 16
  210: 4, // int 32
  211: 8, // int 64
  212: 2, // fixext 1 (type + 1 byte)
  213: 3, // fixext 2
  214: 5, // fixext 4
  215: 9, // fixext 8
  216: 17, // fixext 16
};

/** Reads an unsigned big-endian integer of `size` bytes at the cursor. */
function uint(s, size) {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + s.b[s.p++];
  return value;
}

/** The number of entries of the map at the cursor (consumed), or -1 if it is not a map. */
function mapLength(s) {
  const head = s.b[s.p];
  if (head >= 0x80 && head <= 0x8f) {
    s.p++;
    return head & 0x0f;
  }
  if (head === 0xde || head === 0xdf) {
    s.p++;
    return uint(s, head === 0xde ? 2 : 4);
  }
  return -1;
}

/** The string at the cursor (consumed; ASCII is all the script compares), or null if not a string. */
function str(s) {
  const head = s.b[s.p];
  let length;
  if (head >= 0xa0 && head <= 0xbf) {
    s.p++;
    length = head & 0x1f;
  } else if (head >= 0xd9 && head <= 0xdb) {
    s.p++;
    length = uint(s, 1 << (head - 0xd9));
  } else {
    return null;
  }
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(s.b[s.p + i]);
  s.p += length;
  return out;
}

/** The non-negative integer at the cursor (consumed), or null (and skipped) if it is not one. */
function unsigned(s) {
  const head = s.b[s.p];
  if (head <= 0x7f) {
    s.p++;
    return head;
  }
  if (head >= 0xcc && head <= 0xcf) {
    s.p++;
    return uint(s, 1 << (head - 0xcc));
  }
  skip(s);
  return null;
}

/** Moves the cursor past one value of any type. */
function skip(s) {
  const head = s.b[s.p++];
  if (head <= 0x7f || head >= 0xe0) return; // positive and negative fixint
  if (head <= 0x8f) return skipMany(s, (head & 0x0f) * 2); // fixmap: keys and values
  if (head <= 0x9f) return skipMany(s, head & 0x0f); // fixarray
  if (head <= 0xbf) {
    s.p += head & 0x1f; // fixstr
    return;
  }
  if (head in FIXED) {
    s.p += FIXED[head];
    return;
  }
  if (head >= 0xc4 && head <= 0xc6)
    s.p += uint(s, 1 << (head - 0xc4)); // bin 8/16/32
  else if (head >= 0xd9 && head <= 0xdb)
    s.p += uint(s, 1 << (head - 0xd9)); // str 8/16/32
  else if (head >= 0xc7 && head <= 0xc9)
    s.p += uint(s, 1 << (head - 0xc7)) + 1; // ext: + type byte
  else if (head === 0xdc || head === 0xdd)
    skipMany(s, uint(s, head === 0xdc ? 2 : 4)); // array 16/32
  else if (head === 0xde || head === 0xdf)
    skipMany(s, uint(s, head === 0xde ? 2 : 4) * 2); // map 16/32
  else throw new Error(`unreadable MessagePack byte 0x${head.toString(16)}`); // 0xc1: never used
}

function skipMany(s, count) {
  for (let i = 0; i < count; i++) skip(s);
}

/**
 * Reads a server frame's envelope: `{t, id, code}`, where `id` and `code` come from `d` and are
 * read only for `ack` and `error` frames (null otherwise). Room events return as soon as `t` is
 * known: the server writes `v` and `t` first, so a `vote.cast` costs a handful of bytes. Returns
 * null for anything that is not a map.
 */
export function readEnvelope(bytes) {
  const s = { b: bytes, p: 0 };
  const entries = mapLength(s);
  if (entries < 0) return null;
  const out = { t: null, id: null, code: null };
  for (let i = 0; i < entries; i++) {
    const key = str(s);
    if (key === 't') {
      out.t = str(s);
      if (out.t !== 'ack' && out.t !== 'error') return out;
    } else if (key === 'd') {
      const length = mapLength(s);
      if (length < 0) {
        skip(s); // `d` that is not a map (never sent): nothing to read
        continue;
      }
      for (let j = 0; j < length; j++) {
        const field = str(s);
        if (field === 'id') out.id = unsigned(s);
        else if (field === 'code') out.code = str(s) ?? String(unsigned(s));
        else {
          if (field === null) skip(s);
          skip(s);
        }
      }
    } else {
      if (key === null) skip(s); // a key that is not a string: skip it
      skip(s);
    }
  }
  return out;
}
