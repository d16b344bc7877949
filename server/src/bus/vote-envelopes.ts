import type { Packr } from 'msgpackr';
import {
  finish,
  isUint32,
  MARKER_FLOAT,
  MARKER_STRING,
  MARKER_UINT,
  MAX_VALUE_BYTES,
  maxBytes,
  put,
  putArrayHeader,
  putAscii,
  putFloat,
  putUint,
  start,
  type Template,
  templateOf,
} from '../msgpack/templates.js';
import type { StoredEvent } from '../storage/event-store.js';

/** A stored vote's fields in the order a room's host builds them, which is the order packed. */
const EVENT_KEYS = ['roomId', 'seq', 'type', 'payload', 'at', 'roundId'] as const;
/** A vote's payload as the domain decides it. */
const PAYLOAD_KEYS = ['participantId', 'card'] as const;
/** What a vote's values add at most: seq, three ASCII strings of the event and its payload's two. */
const VOTE_VALUE_BYTES = MAX_VALUE_BYTES.uint + 4 * MAX_VALUE_BYTES.ascii + MAX_VALUE_BYTES.float;
/** The most an array header adds: `dd` and a uint32. */
const ARRAY_HEADER_BYTES = 5;

/** An envelope's template: its bytes up to the events, then one vote's, cut where its values go. */
interface EnvelopeTemplate {
  readonly head: Buffer;
  readonly vote: Template;
  readonly voteBytes: number;
}

/**
 * A node's announcements of stored votes, written from a template (`../msgpack/templates.ts`)
 * instead of packed. At the durable maximum with two nodes, packing each commit's announcements
 * was 5 % of a node's main thread (docs/performance.md, durable votes). The template is the bus's
 * own packing of `{ node, events }`, cut before the events and where each vote's values go; a
 * commit's votes in a room (often a dozen or more at the maximum) are written one after the other
 * behind an array header, so the bytes are the same (`server/test/scale/vote-envelopes.test.ts`).
 *
 * Only envelopes of votes alone, each exactly as a room's host stores it, are written here: fields
 * in the order above, a `vote.cast` payload of `participantId` and `card`, ASCII strings of at most
 * 255 characters, a round, a 32-bit `seq` and a time that is not a 32-bit integer (msgpackr writes
 * those as float64). {@link VoteEnvelopes.write} returns `null` for anything else.
 */
export class VoteEnvelopes {
  readonly #template: EnvelopeTemplate;

  constructor(packr: Packr, nodeId: string) {
    this.#template = envelopeTemplate(packr, nodeId);
  }

  /** The packed envelope `{ node, events }` written from its template, or `null` (pack it then). */
  write(events: readonly StoredEvent[]): Buffer | null {
    const count = events.length;
    if (count === 0) return null;
    for (let index = 0; index < count; index++) if (!isTemplated(events[index] as StoredEvent)) return null;
    const { head, vote, voteBytes } = this.#template;
    start(head.length + ARRAY_HEADER_BYTES + count * voteBytes);
    put(head);
    putArrayHeader(count);
    for (let index = 0; index < count; index++) {
      const { roomId, seq, payload, at, roundId } = events[index] as StoredEvent;
      put(vote[0] as Buffer);
      if (!putAscii(roomId)) return null;
      put(vote[1] as Buffer);
      putUint(seq);
      put(vote[2] as Buffer);
      if (!putAscii(payload.participantId as string)) return null;
      put(vote[3] as Buffer);
      if (!putAscii(payload.card as string)) return null;
      put(vote[4] as Buffer);
      putFloat(at);
      put(vote[5] as Buffer);
      if (!putAscii(roundId as string)) return null;
      put(vote[6] as Buffer);
    }
    return finish();
  }
}

/**
 * Cuts the bus's packing of an envelope of one vote with markers for values: what comes before
 * its array header (as in the packing of no events), and the vote. Throws if msgpackr lays the
 * envelope out otherwise (the events not last, say), which the tests would show.
 */
function envelopeTemplate(packr: Packr, nodeId: string): EnvelopeTemplate {
  const vote = {
    roomId: MARKER_STRING,
    seq: MARKER_UINT,
    type: 'vote.cast',
    payload: { participantId: MARKER_STRING, card: MARKER_STRING },
    at: MARKER_FLOAT,
    roundId: MARKER_STRING,
  } satisfies Record<(typeof EVENT_KEYS)[number], unknown>;
  const empty = packr.pack({ node: nodeId, events: [] });
  const one = packr.pack({ node: nodeId, events: [vote] });
  // `{ node, events: [] }` ends in the empty array's header (90); with one vote, 91 then the vote.
  const headLength = empty.length - 1;
  const head = Buffer.from(empty.subarray(0, headLength));
  if (empty[headLength] !== 0x90 || one[headLength] !== 0x91 || !head.equals(one.subarray(0, headLength)))
    throw new Error('vote envelopes: the events are not the last field of an envelope');
  const parts = templateOf(one.subarray(headLength + 1), [
    'ascii',
    'uint',
    'ascii',
    'ascii',
    'float',
    'ascii',
  ]);
  return { head, vote: parts, voteBytes: maxBytes(parts, VOTE_VALUE_BYTES) };
}

/**
 * Whether the template writes `event` (its strings' characters are checked as they are written):
 * checked at run time, since an announcement's events come from a room's host and from tests alike.
 */
function isTemplated(event: StoredEvent): boolean {
  const { payload } = event;
  return (
    event.type === 'vote.cast' &&
    hasKeysInOrder(event, EVENT_KEYS) &&
    hasKeysInOrder(payload, PAYLOAD_KEYS) &&
    typeof event.roomId === 'string' &&
    isUint32(event.seq) &&
    typeof payload.participantId === 'string' &&
    typeof payload.card === 'string' &&
    typeof event.at === 'number' &&
    !isUint32(event.at) &&
    (event.at | 0) !== event.at &&
    typeof event.roundId === 'string'
  );
}

/**
 * Whether `object` is a plain object whose keys are `keys`, in that order (the order msgpackr
 * packs). Plain, so that `for … in` sees its own keys alone.
 */
function hasKeysInOrder(object: object, keys: readonly string[]): boolean {
  if (Object.getPrototypeOf(object) !== Object.prototype) return false;
  let index = 0;
  for (const key in object) if (key !== keys[index++]) return false;
  return index === keys.length;
}
