/**
 * The room domain: planning-poker rules as pure functions. `decide` turns a command into events,
 * `evolve` folds an event into the room, and the projections give the public view of both. No
 * I/O, clock or randomness here: time and ids come in through `DecideContext` and `event.at`, so
 * the event log alone rebuilds any room.
 *
 * @example
 * ```ts
 * const decision = decide(room, command, { now: Date.now(), newId, facilitatorGraceMs: 60_000 });
 * if (decision.ok) room = decision.events.reduce(evolve, room);
 * ```
 *
 * @packageDocumentation
 */
export { assertNever } from './assert-never.js';
export { Ballots } from './ballots.js';
export { decide } from './decide.js';
export type { DomainEvent, DomainEventOf, DomainEventPayload, VoteCastPayload } from './domain-event.js';
export { NO_EVENTS } from './domain-event.js';
export { evolve, foldEach, NO_STATES } from './evolve.js';
export { followQueue, openingEvents, openingRound } from './opening-round.js';
export { isAllowed, PERMISSIONS, type Permission } from './permissions.js';
export { toPublicEvent, toPublicParticipant, toSnapshot } from './projection.js';
export type {
  DecideContext,
  Decision,
  DecisionResult,
  EphemeralMessage,
  JoiningParticipant,
  Refusal,
  RoomClientCommand,
  RoomCommand,
  RoomCommandType,
} from './room-command.js';
export { isAutoRevealDue, nextDeadline, voteOf } from './room-queries.js';
export {
  createRoom,
  type RoomParticipant,
  type RoomRound,
  type RoomState,
  type RoundState,
} from './room-state.js';
export { computeStatistics } from './statistics.js';
