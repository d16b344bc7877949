import { TokenBucket } from '../rate-limits/token-bucket.js';

/**
 * Command limits per participant, shared by all their connections on a node: a burst of 40, 20 a
 * second sustained (opening another connection, or reconnecting, costs one); past 50 refusals in a
 * row, a connection closes.
 */
export const PARTICIPANT_RATE = { capacity: 40, perSecond: 20, refusalsBeforeClose: 50 } as const;

/**
 * Invalid frames a connection may send: a burst of 10, then one every 2 seconds. Valid frames in
 * between don't reset it, so junk mixed with pings is closed (4003) as soon as junk alone would be.
 */
export const INVALID_FRAMES = { capacity: 10, perSecond: 0.5 } as const;

/**
 * Connections open at once on a node, per participant. (A token names one participant of one room,
 * so a limit per token could never refuse a connection this one lets in.)
 */
export const CONNECTION_LIMITS = { perParticipant: 8 } as const;

/** Why a connection may not open. */
export type AdmissionRefusal = 'too_many_connections' | 'rate_limited';

/**
 * A participant's command bucket with their connections on this node: one object rather than a
 * bucket and a record holding it (about 50 bytes less per connected participant). Each of their
 * connections keeps it ({@link Session.limit}), so a frame takes from it without a lookup.
 */
export class ParticipantLimit extends TokenBucket {
  connections = 0;
  forget: NodeJS.Timeout | null = null;

  /** `key`: the participant's key among the node's limits, unique across rooms. */
  constructor(
    readonly key: string,
    now: number,
  ) {
    super(PARTICIPANT_RATE.capacity, PARTICIPANT_RATE.perSecond, now);
  }
}

/**
 * The rate limits of a node's participants. A participant's bucket outlives their connections
 * until it would have refilled anyway, so reconnecting never resets it: a token reconnecting in a
 * loop gets no more commands through than one connection would.
 */
export class ParticipantLimits {
  readonly #participants = new Map<string, ParticipantLimit>();
  // The bucket of a participant with no connection is forgotten once it would be full again.
  readonly #forgetAfterMs = (PARTICIPANT_RATE.capacity / PARTICIPANT_RATE.perSecond) * 1000;

  /**
   * Counts a new connection of `participant` (a key unique across rooms) in: the participant's
   * limit, for the connection to keep and take its frames from, or why it may not open.
   */
  open(participant: string, now: number): ParticipantLimit | AdmissionRefusal {
    // A participant's first connection keeps the whole burst for commands; another one, or a
    // reconnection while the bucket is remembered, costs one.
    let limit = this.#participants.get(participant);
    const known = limit !== undefined;
    if (limit === undefined) {
      limit = new ParticipantLimit(participant, now);
      this.#participants.set(participant, limit);
    }
    if (limit.forget !== null) {
      clearTimeout(limit.forget);
      limit.forget = null;
    }
    if (limit.connections >= CONNECTION_LIMITS.perParticipant) return 'too_many_connections';
    if (known && !limit.take(now)) {
      // Refused with none open (reconnecting too often): forgotten in time all the same.
      if (limit.connections === 0) this.#forgetLater(limit);
      return 'rate_limited';
    }
    limit.connections++;
    return limit;
  }

  /** A connection that {@link open} counted in closed. */
  close(limit: ParticipantLimit): void {
    limit.connections--;
    if (limit.connections === 0) this.#forgetLater(limit);
  }

  #forgetLater(limit: ParticipantLimit): void {
    limit.forget = setTimeout(() => {
      if (limit.connections === 0) this.#participants.delete(limit.key);
    }, this.#forgetAfterMs);
    limit.forget.unref();
  }

  /** Participants with a bucket on this node (for tests and metrics). */
  get size(): number {
    return this.#participants.size;
  }
}
