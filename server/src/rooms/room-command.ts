import type {
  ClientCommandPayload,
  ClientCommandType,
  ErrorCode,
  Presence,
  Role,
  SessionEventPayload,
} from '@pokerroom/protocol';
import type { DomainEvent } from './domain-event.js';
import type { RoomState } from './room-state.js';

/** The client command types that reach the room; `ping` and `resume` are the session's business. */
export type RoomCommandType = Exclude<ClientCommandType, 'ping' | 'resume'>;

/** A client command as the room sees it: the protocol command's `t` and `d`, without envelope. */
export type RoomClientCommand = {
  [T in RoomCommandType]: { readonly t: T; readonly d: ClientCommandPayload<T> };
}[RoomCommandType];

/** Who a connection says it is, from its verified token. */
export interface JoiningParticipant {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly avatarUrl?: string;
  readonly externalId?: string;
}

/**
 * Everything that can ask the room to change: a participant's command, or the host reporting a
 * connection (`join`), a presence change after its grace period, passing time (`tick`), the end
 * of the room (`close`), or the integrating backend acting through the REST API (`integration`). One union so that one `decide` guards every change.
 *
 * @example
 * ```ts
 * decide(room, { kind: 'client', actorId: 'p_1', command: { t: 'vote.cast', d: { card: '5' } } }, ctx);
 * ```
 */
export type RoomCommand =
  | { readonly kind: 'client'; readonly actorId: string; readonly command: RoomClientCommand }
  | { readonly kind: 'join'; readonly participant: JoiningParticipant }
  | { readonly kind: 'presence'; readonly participantId: string; readonly presence: Presence }
  | { readonly kind: 'tick' }
  | { readonly kind: 'close' }
  | { readonly kind: 'integration'; readonly command: RoomClientCommand };

/** What `decide` may not know by itself: the time, fresh ids, and how long a facilitator may be gone. */
export interface DecideContext {
  readonly now: number;
  readonly newId: (prefix: 'round' | 'story') => string;
  readonly facilitatorGraceMs: number;
}

/** A broadcast that is not room state: no seq, not replayed. */
export type EphemeralMessage =
  | { readonly t: 'reaction'; readonly d: SessionEventPayload<'reaction'> }
  | { readonly t: 'nudge'; readonly d: SessionEventPayload<'nudge'> };

/** What the ack of a command carries. */
export interface DecisionResult {
  storyIds?: string[];
}

/**
 * The answer of `decide`: the events to append (possibly none: a no-op succeeds), or why not.
 * Refusals are values, not exceptions, so bad input never crashes the host.
 */
export type Decision =
  | {
      readonly ok: true;
      readonly events: readonly DomainEvent[];
      /**
       * The room after each of `events`, when deciding folded them already (`decide` does for most
       * decisions, a vote above all): whoever applies the decision can take them rather than fold
       * the events a second time. Absent, fold the events.
       */
      readonly states?: readonly RoomState[];
      readonly result?: DecisionResult;
      readonly ephemeral?: readonly EphemeralMessage[];
    }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

/** The refusal half of {@link Decision}. */
export type Refusal = Extract<Decision, { ok: false }>;

/** A successful decision with these events. */
export function accept(events: readonly DomainEvent[], result?: DecisionResult): Decision {
  return result === undefined ? { ok: true, events } : { ok: true, events, result };
}

/** A refusal with a stable code and a message for the person who tried. */
export function refuse(code: ErrorCode, message: string): Refusal {
  return { ok: false, code, message };
}
