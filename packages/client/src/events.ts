import type { RoomEvent, SessionEventPayload } from '@pokerroom/protocol';
import type { PokerRoomError } from './errors.js';
import type { ConnectionStatus, RoomState } from './state.js';

/** Joins, departures, renames, role and presence changes, facilitator hand-overs. */
export type ParticipantEvent = Extract<
  RoomEvent,
  {
    t:
      | 'participant.joined'
      | 'participant.left'
      | 'participant.updated'
      | 'participant.presence'
      | 'facilitator.changed';
  }
>;
/** Someone voted (the card stays hidden) or took their vote back. */
export type VoteEvent = Extract<RoomEvent, { t: 'vote.cast' | 'vote.retracted' }>;
/** A round was revealed: every vote and the statistics. */
export type RevealEvent = Extract<RoomEvent, { t: 'round.revealed' }>;
/** A round started, was reset for a re-vote, or was finalized with an estimate. */
export type RoundEvent = Extract<RoomEvent, { t: 'round.started' | 'round.reset' | 'round.finalized' }>;
/** The story queue changed. */
export type StoryEvent = Extract<
  RoomEvent,
  { t: 'story.added' | 'story.updated' | 'story.removed' | 'story.reordered' }
>;
/** A countdown started or stopped. */
export type TimerEvent = Extract<RoomEvent, { t: 'timer.started' | 'timer.stopped' }>;
/** The room's name, deck or settings changed, or the room was closed. */
export type RoomSettingsEvent = Extract<RoomEvent, { t: 'room.updated' | 'room.closed' }>;

/**
 * The events of a {@link Room}, by name, with their listener signatures. Room-event listeners get
 * the protocol event and the state after it (replayed events after a reconnection included).
 *
 * @example
 * ```ts
 * const off = room.on('reveal', (event, state) => console.log(event.d.stats.median, state.round?.status));
 * off();
 * ```
 */
export interface RoomEvents {
  /** The state changed (any event, a reconnection, a status change). */
  state: (state: RoomState) => void;
  /** See {@link ParticipantEvent}. */
  participant: (event: ParticipantEvent, state: RoomState) => void;
  /** See {@link VoteEvent}. */
  vote: (event: VoteEvent, state: RoomState) => void;
  /** See {@link RevealEvent}. */
  reveal: (event: RevealEvent, state: RoomState) => void;
  /** See {@link RoundEvent}. */
  round: (event: RoundEvent, state: RoomState) => void;
  /** See {@link StoryEvent}. */
  story: (event: StoryEvent, state: RoomState) => void;
  /** See {@link TimerEvent}. */
  timer: (event: TimerEvent, state: RoomState) => void;
  /** See {@link RoomSettingsEvent}. */
  room: (event: RoomSettingsEvent, state: RoomState) => void;
  /** Someone reacted with an emoji (not room state: not replayed after a reconnection). */
  reaction: (reaction: SessionEventPayload<'reaction'>) => void;
  /** A facilitator nudged the voters who haven't voted; `you` tells whether you are one of them. */
  nudge: (nudge: SessionEventPayload<'nudge'> & { readonly you: boolean }) => void;
  /** The connection status changed. */
  status: (status: ConnectionStatus, error?: PokerRoomError) => void;
  /** A problem that no command promise reports: unreadable frames, server errors without a request id, giving up. */
  error: (error: PokerRoomError) => void;
}

/** The fine-grained event name a room event is emitted under. */
export function groupOf(
  event: RoomEvent,
): 'participant' | 'vote' | 'reveal' | 'round' | 'story' | 'timer' | 'room' {
  switch (event.t) {
    case 'participant.joined':
    case 'participant.left':
    case 'participant.updated':
    case 'participant.presence':
    case 'facilitator.changed':
      return 'participant';
    case 'vote.cast':
    case 'vote.retracted':
      return 'vote';
    case 'round.revealed':
      return 'reveal';
    case 'round.started':
    case 'round.reset':
    case 'round.finalized':
      return 'round';
    case 'story.added':
    case 'story.updated':
    case 'story.removed':
    case 'story.reordered':
      return 'story';
    case 'timer.started':
    case 'timer.stopped':
      return 'timer';
    default:
      return 'room';
  }
}
