import type { ClientMessage } from './commands.js';
import { COMMAND_CHECKS } from './generated/validators.js';
import { LIMITS } from './limits.js';
import type { Check } from './validation.js';
import type { ProtocolVersion } from './version.js';

// A vote is nine frames in ten that clients send, and each one decoded in full (the plain-MessagePack
// scan, msgpackr, the envelope checks, the validator) costs several microseconds of the server's
// main thread. Every MessagePack encoder that writes the envelope in the protocol's order with the
// smallest forms (msgpackr, and so our SDKs, among them) writes a vote as these bytes:
//
//   84                      map of 4
//   a1 76  <v>              "v": the version, a positive fixint
//   a1 74  a9 vote.cast     "t": "vote.cast"
//   a2 69 64  <id>          "id": a positive fixint, uint8, uint16 or uint32
//   a1 64  81 a4 card       "d": a map of 1, "card":
//   <a1–a8> <ASCII>         a fixstr of 1 to 8 ASCII bytes
//
// and nothing after them. Such a frame is read here byte by byte; anything else, including every
// frame this reader is unsure of, goes the full way (`decodeClientMessage`), which names what is wrong
// with it. Kept apart from `decodeClientMessage`, so that bundles which only check the commands they
// send (the client's) do not carry it.
const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0));
const TYPE = Uint8Array.from([0xa1, ...ascii('t'), 0xa9, ...ascii('vote.cast'), 0xa2, ...ascii('id')]);
const PAYLOAD = Uint8Array.from([0xa1, ...ascii('d'), 0x81, 0xa4, ...ascii('card')]);
const ID_AT = 4 + TYPE.length;
/** The longest such frame: a uint32 id and an 8-byte card. */
const MAX_BYTES = ID_AT + 5 + PAYLOAD.length + 1 + LIMITS.cardLabelLength;

// The generated table holds a check for every command of `CLIENT_COMMANDS`.
const checkVoteCast = COMMAND_CHECKS['vote.cast'] as Check;

/**
 * The `vote.cast` command in `bytes` when they are a vote in the common layout above and the
 * validator accepts its card, else `undefined`: decode those with `decodeClientMessage`,
 * which returns the same for every frame this reads (`test/vote-cast-frame.test.ts`). For a
 * server's hot path; a bundle that does not call it leaves it out.
 *
 * @example
 * ```ts
 * const message = readVoteCast(bytes, 2) ?? decodeClientMessage(bytes, 2);
 * ```
 */
export function readVoteCast(bytes: Uint8Array, version: ProtocolVersion): ClientMessage | undefined {
  const length = bytes.byteLength;
  if (length > MAX_BYTES || length < ID_AT + 1 + PAYLOAD.length + 2) return undefined;
  if (bytes[0] !== 0x84 || bytes[1] !== 0xa1 || bytes[2] !== 0x76 || bytes[3] !== version) return undefined;
  if (!holdsAt(bytes, 4, TYPE)) return undefined;
  // The length check above leaves room for the longest id, so no read here is out of bounds.
  const head = bytes[ID_AT] as number;
  let id: number;
  let pos: number;
  if (head <= 0x7f) [id, pos] = [head, ID_AT + 1];
  else if (head === 0xcc) [id, pos] = [bytes[ID_AT + 1] as number, ID_AT + 2];
  else if (head === 0xcd) [id, pos] = [readUint(bytes, ID_AT + 1, 2), ID_AT + 3];
  else if (head === 0xce) [id, pos] = [readUint(bytes, ID_AT + 1, 4), ID_AT + 5];
  else return undefined;
  if (pos + PAYLOAD.length + 2 > length || !holdsAt(bytes, pos, PAYLOAD)) return undefined;
  pos += PAYLOAD.length;
  const cardBytes = (bytes[pos] as number) - 0xa0;
  if (cardBytes < 1 || cardBytes > LIMITS.cardLabelLength || pos + 1 + cardBytes !== length) return undefined;
  let card = '';
  for (let at = pos + 1; at < length; at++) {
    const byte = bytes[at] as number;
    if (byte > 0x7f) return undefined;
    card += String.fromCharCode(byte);
  }
  const d = { card };
  // A card the validator refuses (a control character, say) is left to the full decode to name.
  if (checkVoteCast(d)) return undefined;
  return { v: version, t: 'vote.cast', id, d };
}

function holdsAt(bytes: Uint8Array, at: number, expected: Uint8Array): boolean {
  for (let i = 0; i < expected.length; i++) if (bytes[at + i] !== expected[i]) return false;
  return true;
}

/** A big-endian unsigned integer of `size` bytes, up to 4: exact, since it stays below 2^32. */
function readUint(bytes: Uint8Array, at: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + (bytes[at + i] as number);
  return value;
}
