import {
  foldRoomEvent,
  foldRoomEventV1,
  type ProtocolVersion,
  type RoomEvent,
  type RoomSnapshot,
} from '@pokerroom/protocol';
import { type RoomState, snapshotOf } from './state.js';

/**
 * Folds one public room event into the state with the protocol's own fold (`foldRoomEvent` for
 * v2, `foldRoomEventV1` for frames of a v1 connection), so the SDK can't drift from the server:
 * folding the events after a welcome gives exactly the room a fresh client's welcome carries.
 * What the SDK adds is its own: who you are follows your participant entry, and your hidden vote
 * lives as long as your entry in `voted`. Pure and total; it does not check `seq` order (the
 * connection does that).
 *
 * @example
 * ```ts
 * const next = applyEvent(room.state, { v: 2, t: 'vote.cast', seq: 8, d: { participantId: 'p_2' } });
 * next.round?.voted; // [..., 'p_2']
 * ```
 */
export function applyEvent(state: RoomState, event: RoomEvent, version: ProtocolVersion = 2): RoomState {
  const fold = version === 1 ? foldRoomEventV1 : foldRoomEvent;
  const room: RoomSnapshot = fold(snapshotOf(state), event);
  const you = room.participants.find((p) => p.id === state.you.id) ?? state.you;
  // Your ballot lives as long as your entry in `voted` (the server keeps it after the reveal).
  const yourVote = room.round?.voted.includes(you.id) ? state.yourVote : null;
  return { ...state, ...room, you, yourVote, seq: event.seq };
}
