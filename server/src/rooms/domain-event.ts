import type { RoomEventPayload, RoomEventType } from '@pokerroom/protocol';

/** The private payload of `vote.cast`: the card is stored with the event, and `toPublicEvent` drops it. */
export interface VoteCastPayload {
  readonly participantId: string;
  readonly card: string;
}

/** The payload a domain event of type `T` carries: the protocol's, except the private `vote.cast`. */
export type DomainEventPayload<T extends RoomEventType> = T extends 'vote.cast'
  ? VoteCastPayload
  : RoomEventPayload<T>;

/**
 * A room event as the domain produces and folds it. Payloads equal the protocol's room event
 * payloads except `vote.cast`, which keeps the card (use `toPublicEvent` before broadcasting).
 * `at` is the time `decide` ran: `evolve` needs it for join and presence times, and reading it
 * from the event (not a clock) keeps the fold deterministic, so persist it with the event.
 * The host assigns `seq`.
 *
 * @example
 * ```ts
 * const event: DomainEvent = { t: 'vote.cast', d: { participantId: 'p_1', card: '5' }, at: 1_700_000_000_000 };
 * ```
 */
export type DomainEvent = {
  [T in RoomEventType]: {
    readonly t: T;
    readonly d: DomainEventPayload<T>;
    /** Milliseconds since the epoch when the event was decided. */
    readonly at: number;
  };
}[RoomEventType];

/**
 * No events, shared: the answer of most steps of a decision (nothing opened, nothing followed), so
 * that a vote does not allocate an empty array for each.
 */
export const NO_EVENTS: readonly DomainEvent[] = [];

/** The domain event of type `T`. */
export type DomainEventOf<T extends RoomEventType> = Extract<DomainEvent, { t: T }>;

/**
 * Builds a domain event; keeps `t` and `d` checked against each other at the call site.
 *
 * @example
 * ```ts
 * event('room.closed', {}, ctx.now);
 * ```
 */
export function event<T extends RoomEventType>(t: T, d: DomainEventPayload<T>, at: number): DomainEventOf<T> {
  return { t, d, at } as DomainEventOf<T>;
}
