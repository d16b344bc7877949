import type { Participant, RoomSnapshot, SessionEventPayload } from '@pokerroom/protocol';

/**
 * Where the connection is: `connecting` before the first welcome, `connected` once the room is
 * live (welcomed and, after a reconnection, resumed), `reconnecting` between a drop and the next
 * resume, `closed` for good (by `room.close()`, a fatal close code, or retries exhausted).
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/**
 * The whole room as this client sees it: the protocol's `RoomSnapshot` plus who you are,
 * your own hidden vote, the `seq` of the last event folded in, and the connection status.
 * Immutable: every change makes a new object, so `===` tells whether anything changed.
 *
 * @example
 * ```ts
 * const { round, participants, you, yourVote } = room.state;
 * const waitingFor = participants.filter((p) => p.role !== 'observer' && p.votes !== false && !round?.voted.includes(p.id));
 * ```
 */
export interface RoomState extends RoomSnapshot {
  /** You, as the room sees you (role and name follow the room's events). */
  readonly you: Participant;
  /** Your own card in the current round (only you see it before the reveal), or `null`. */
  readonly yourVote: string | null;
  /** The `seq` of the last room event folded into this state. */
  readonly seq: number;
  /** The connection status. */
  readonly status: ConnectionStatus;
  /** `serverTime - Date.now()` at the last welcome: add it to `Date.now()` to read timers in server time. */
  readonly serverTimeOffsetMs: number;
}

/**
 * The state a welcome frame describes.
 *
 * @example
 * ```ts
 * const state = stateFromWelcome(welcome.d, 'connected');
 * ```
 */
export function stateFromWelcome(
  welcome: SessionEventPayload<'welcome'>,
  status: ConnectionStatus,
  now: number = Date.now(),
): RoomState {
  return {
    ...welcome.room,
    you: welcome.you,
    yourVote: welcome.yourVote,
    seq: welcome.seq,
    status,
    serverTimeOffsetMs: welcome.serverTime - now,
  };
}

/**
 * The protocol snapshot inside a state: what a fresh client's welcome would carry as `room`.
 *
 * @example
 * ```ts
 * expect(snapshotOf(room.state)).toEqual(freshWelcome.room);
 * ```
 */
export function snapshotOf(state: RoomState): RoomSnapshot {
  const { id, name, deck, settings, participants, stories, round, timer, closed } = state;
  return { id, name, deck, settings, participants, stories, round, timer, closed };
}
