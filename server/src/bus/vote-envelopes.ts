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
/** The most votes one envelope is written for from a template (a fixarray's); more are packed. */
const MAX_VOTES = 15;
/** What a vote's values add at most: seq, three ASCII strings of the event and its payload's two. */
const VOTE_VALUE_BYTES = MAX_VALUE_BYTES.uint + 4 * MAX_VALUE_BYTES.ascii + MAX_VALUE_BYTES.float;

/**
 * A node's announcements of stored votes, written from templates (`../msgpack/templates.ts`)
 * instead of packed. At the durable maximum with two nodes, packing the announcement of each
 * commit's votes was the largest cost the bus added to a vote (docs/performance.md, durable
 * votes). The template is the bus's own packing of `{ node, events }` for 1 to 15 votes, cut where
 * each vote's values go, so the bytes are the same (`server/test/scale/vote-envelopes.test.ts`).
 *
 * Only envelopes of votes alone, each exactly as a room's host stores it, are written here: fields
 * in the order above, a `vote.cast` payload of `participantId` and `card`, ASCII strings of at most
 * 255 characters, a round, a 32-bit `seq` and a time that is not a 32-bit integer (msgpackr writes
 * those as float64). {@link VoteEnvelopes.write} returns `null` for anything else.
 */
export class VoteEnvelopes {
  /** The template for `n` votes at index `n`, made on first use. */
  readonly #templates: (Template | undefined)[] = [];

  constructor(
    private readonly packr: Packr,
    private readonly nodeId: string,
  ) {}

  /** The packed envelope `{ node, events }` written from its template, or `null` (pack it then). */
  write(events: readonly StoredEvent[]): Buffer | null {
    const count = events.length;
    if (count === 0 || count > MAX_VOTES) return null;
    for (let index = 0; index < count; index++) if (!isTemplated(events[index] as StoredEvent)) return null;
    const template = this.#template(count);
    start(maxBytes(template, count * VOTE_VALUE_BYTES));
    put(template[0] as Buffer);
    let part = 1;
    for (let index = 0; index < count; index++) {
      const { roomId, seq, payload, at, roundId } = events[index] as StoredEvent;
      if (!putAscii(roomId)) return null;
      put(template[part++] as Buffer);
      putUint(seq);
      put(template[part++] as Buffer);
      if (!putAscii(payload.participantId as string)) return null;
      put(template[part++] as Buffer);
      if (!putAscii(payload.card as string)) return null;
      put(template[part++] as Buffer);
      putFloat(at);
      put(template[part++] as Buffer);
      if (!putAscii(roundId as string)) return null;
      put(template[part++] as Buffer);
    }
    return finish();
  }

  #template(count: number): Template {
    let template = this.#templates[count];
    if (template === undefined) {
      const vote = {
        roomId: MARKER_STRING,
        seq: MARKER_UINT,
        type: 'vote.cast',
        payload: { participantId: MARKER_STRING, card: MARKER_STRING },
        at: MARKER_FLOAT,
        roundId: MARKER_STRING,
      } satisfies Record<(typeof EVENT_KEYS)[number], unknown>;
      const events = Array.from({ length: count }, () => vote);
      const kinds = events.flatMap(() => ['ascii', 'uint', 'ascii', 'ascii', 'float', 'ascii'] as const);
      template = templateOf(this.packr.pack({ node: this.nodeId, events }), kinds);
      this.#templates[count] = template;
    }
    return template;
  }
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
