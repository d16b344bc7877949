import { encode, type ProtocolVersion, type ServerMessage } from '@pokerroom/protocol';
import {
  finish,
  isUint32,
  MARKER_STRING,
  MARKER_UINT,
  MAX_VALUE_BYTES,
  maxBytes,
  put,
  putAscii,
  putUint,
  start,
  type Template,
  templateOf,
  type ValueKind,
} from '../msgpack/templates.js';

/**
 * The two frames every vote costs (its `ack`, and the `vote.cast` event the room receives),
 * written from templates (`../msgpack/templates.ts`) instead of encoded field by field. Each
 * template is the protocol codec's own encoding of the frame with a marker in place of each value
 * that varies, cut at the markers: the codec decides every byte around the values (map headers,
 * keys, their order, `v`), and only the values are written here — MessagePack's unsigned integers
 * up to 32 bits, and ASCII strings up to 255 bytes. Anything else (a larger number, a string with other characters) takes the
 * codec's path, which gives the same bytes. `server/test/realtime/frame-templates.test.ts` checks
 * that, byte for byte, against the codec for every kind of value.
 *
 * Why: at the durable maximum the codec's generic object walk cost about 1.2 µs a frame on the
 * server (a CPU profile put 13 % of the main thread's busy time in those two encodes), where a
 * template writes a frame in a small fraction of that (docs/performance.md, "Codec").
 */

/** A template of the codec's encoding of `message`, cut at the markers of `kinds`. */
const templateOfFrame = (message: ServerMessage, kinds: readonly ValueKind[]): Template =>
  templateOf(encode(message), kinds);

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
    const d = version === 1 ? { id: MARKER_UINT } : { id: MARKER_UINT, command };
    template = templateOfFrame({ t: 'ack', d, v: version } as ServerMessage, ['uint']);
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
  const template = ackTemplate(version, command);
  const [head, tail] = template as [Buffer, Buffer];
  start(maxBytes(template, MAX_VALUE_BYTES.uint));
  put(head);
  putUint(id);
  put(tail);
  return finish();
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
    const message = { t: 'vote.cast', seq: MARKER_UINT, d, v: version };
    template = templateOfFrame(message as ServerMessage, ['uint', 'ascii']);
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
  const template = voteCastTemplate(version);
  const [head, middle, tail] = template as [Buffer, Buffer, Buffer];
  start(maxBytes(template, MAX_VALUE_BYTES.uint + MAX_VALUE_BYTES.ascii));
  put(head);
  putUint(seq);
  put(middle);
  if (!putAscii(d.participantId)) return null;
  put(tail);
  return finish();
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
