import type { Story } from '@pokerroom/protocol';
import { assertNever } from './assert-never.js';
import { Ballots } from './ballots.js';
import type { DomainEvent } from './domain-event.js';
import {
  dropStrayBallot,
  dropStrayBallots,
  trackFacilitatorAbsence,
  updateParticipant,
  withoutBallots,
  withPresence,
  withPublicFields,
  withRole,
} from './evolve-participants.js';
import { type RoomParticipant, type RoomState, type RoundState, sharedDeck } from './room-state.js';

/**
 * Folds one event into the room: pure and deterministic (times come from `event.at`), so
 * replaying the log from `createRoom` rebuilds the room exactly. Increments `seq` by one. Events
 * that no longer match the room (a vote for a round that was replaced) change nothing but `seq`.
 *
 * @example
 * ```ts
 * const room = events.reduce(evolve, createRoom({ id: 'r_1', name: 'Sprint 12' }));
 * ```
 */
export function evolve(state: RoomState, event: DomainEvent): RoomState {
  const seq = state.seq + 1;
  const next = apply(state, event, seq);
  // The invariants below depend on who is in the room and with what role and presence. Most
  // events (votes above all) leave the participants as they were, and then only a vote from
  // someone who doesn't vote here can break them: skip the full check, it is the hot path.
  const checked =
    next.participants === state.participants
      ? event.t === 'vote.cast'
        ? dropStrayBallot(next, event.d.participantId)
        : next
      : trackFacilitatorAbsence(dropStrayBallots(next), event.at);
  // A vote writes `seq` itself, into the one copy of the room it makes (the hot path). Only a room
  // made in this call can hold the next seq, so one that does needs no copy.
  return checked.seq === seq ? checked : roomWith(checked, checked.round, checked.anyVoteCast, seq);
}

/**
 * The room with this round, `anyVoteCast` and `seq`, as an object literal rather than a spread. In
 * Node 20 a spread of an object itself made by a spread gets a hidden class of its own, and a fold
 * makes each room from the one before: every copy took V8's slow path, about 260 ns for the room's
 * thirteen fields against 16 ns as a literal (docs/performance.md, "Fold"). Every field is listed:
 * the compiler refuses this function when the room gains one.
 */
export function roomWith(
  state: RoomState,
  round: RoundState | null,
  anyVoteCast: boolean,
  seq: number,
): RoomState {
  const room: Required<RoomState> = {
    id: state.id,
    name: state.name,
    deck: state.deck,
    settings: state.settings,
    closed: state.closed,
    participants: state.participants,
    stories: state.stories,
    round,
    timer: state.timer,
    facilitatorAbsentSince: state.facilitatorAbsentSince,
    anyVoteCast,
    absentFacilitator: state.absentFacilitator,
    seq,
  };
  return room;
}

/**
 * A voting round with these ballots, as a literal (see {@link roomWith}). A voting round has none
 * of the reveal's fields; any other field the round gains, the compiler asks for here.
 */
function votingRoundWith(round: RoundState, ballots: Ballots): RoundState {
  const next: Required<Omit<RoundState, 'votes' | 'stats' | 'estimate'>> = {
    id: round.id,
    storyId: round.storyId,
    status: round.status,
    startedAt: round.startedAt,
    anonymous: round.anonymous,
    voted: ballots.voters,
    ballots,
  };
  return next;
}

/**
 * The room after each event, folded in order: what `events.reduce(evolve, state)` computes, with
 * every step kept (a stored event's round and its broadcast are those of the room right after it).
 *
 * @example
 * ```ts
 * const states = foldEach(room, decision.events); // states.at(-1) is the room after them all
 * ```
 */
export function foldEach(state: RoomState, events: readonly DomainEvent[]): readonly RoomState[] {
  if (events.length === 0) return NO_STATES;
  const states: RoomState[] = [];
  let room = state;
  for (const event of events) {
    room = evolve(room, event);
    states.push(room);
  }
  return states;
}

/** The states of no events, shared: most decisions fold none before or after their own. */
export const NO_STATES: readonly RoomState[] = [];

/** The room after `event`; `seq` (the next one) may be written by the cases that make the room anew. */
function apply(state: RoomState, event: DomainEvent, seq: number): RoomState {
  const at = event.at;
  switch (event.t) {
    case 'participant.joined': {
      // A literal of the fields every participant has, with the event's over it: the times sit in
      // the object itself rather than in a property array of their own (40 bytes a participant),
      // and all participants share one hidden class. A spread plus new properties would give each
      // its own (memory per participant, and every read of one megamorphic).
      const fields: RoomParticipant = {
        id: '',
        name: '',
        role: 'voter',
        presence: 'online',
        joinedAt: at,
        presenceSince: at,
      };
      const participant = Object.assign(fields, event.d.participant);
      return { ...state, participants: [...state.participants, participant] };
    }
    case 'participant.left': {
      const participants = state.participants.filter((p) => p.id !== event.d.participantId);
      const absentFacilitator =
        state.absentFacilitator === event.d.participantId ? null : state.absentFacilitator;
      return { ...state, participants, absentFacilitator };
    }
    case 'participant.updated': {
      const next = event.d.participant;
      const updated = updateParticipant(state, next.id, (p) => withPublicFields(p, next, at));
      // Someone chose another role for the facilitator who was away: theirs is no longer to give back.
      const roleChosen =
        next.id === state.absentFacilitator &&
        state.participants.some((p) => p.id === next.id && p.role !== next.role);
      return roleChosen ? { ...updated, absentFacilitator: null } : updated;
    }
    case 'participant.presence':
      return updateParticipant(state, event.d.participantId, (p) => withPresence(p, event.d.presence, at));
    case 'facilitator.changed': {
      const { from, to } = event.d;
      const demoted =
        from === null || from === to ? state : updateParticipant(state, from, (p) => withRole(p, 'voter'));
      const absentFacilitator = event.d.reason === 'absent' ? from : null;
      return { ...updateParticipant(demoted, to, (p) => withRole(p, 'facilitator')), absentFacilitator };
    }
    case 'vote.cast': {
      const round = state.round;
      if (round === null) return state;
      const ballots = round.ballots.with(event.d.participantId, event.d.card);
      const next =
        round.status === 'voting'
          ? votingRoundWith(round, ballots)
          : { ...round, ballots, voted: ballots.voters };
      return roomWith(state, next, true, seq);
    }
    case 'vote.retracted':
      return updateRound(state, (round) => withoutBallots(round, [event.d.participantId]));
    case 'round.started':
    case 'round.reset': {
      const { id, storyId, startedAt, anonymous } = event.d.round;
      const round: RoundState = {
        id,
        storyId,
        status: 'voting',
        startedAt,
        anonymous,
        voted: Ballots.none.voters,
        ballots: Ballots.none,
      };
      return { ...state, round };
    }
    case 'round.revealed':
      return updateRound(state, (round) =>
        round.id === event.d.roundId
          ? Object.assign({}, round, {
              status: 'revealed' as const,
              votes: event.d.votes,
              stats: event.d.stats,
            })
          : round,
      );
    case 'round.finalized': {
      const { roundId, storyId, estimate, durationMs } = event.d;
      const finalized = updateRound(state, (round) =>
        round.id === roundId ? { ...round, status: 'finalized', estimate } : round,
      );
      return updateStory(finalized, storyId, (story) => ({
        ...story,
        status: 'estimated',
        estimate,
        timeSpentMs: story.timeSpentMs + durationMs,
      }));
    }
    case 'story.added':
      return { ...state, stories: [...state.stories, ...event.d.stories] };
    case 'story.updated':
      return updateStory(state, event.d.story.id, () => event.d.story);
    case 'story.removed': {
      const stories = state.stories.filter((story) => story.id !== event.d.storyId);
      // A round on a removed story carries on as a round without a story.
      const round =
        state.round?.storyId === event.d.storyId ? { ...state.round, storyId: null } : state.round;
      return { ...state, stories, round };
    }
    case 'story.reordered': {
      const byId = new Map(state.stories.map((story) => [story.id, story]));
      const listed = event.d.storyIds.flatMap((id) => byId.get(id) ?? []);
      const rest = state.stories.filter((story) => !event.d.storyIds.includes(story.id));
      return { ...state, stories: [...listed, ...rest] };
    }
    case 'room.updated':
      return { ...state, name: event.d.name, deck: sharedDeck(event.d.deck), settings: event.d.settings };
    case 'room.closed':
      return { ...state, closed: true };
    case 'timer.started':
      return { ...state, timer: { ...event.d } };
    case 'timer.stopped':
      return { ...state, timer: null };
    default:
      return assertNever(event);
  }
}

function updateRound(state: RoomState, change: (round: RoundState) => RoundState): RoomState {
  return state.round === null ? state : { ...state, round: change(state.round) };
}

function updateStory(state: RoomState, storyId: string | null, change: (story: Story) => Story): RoomState {
  if (storyId === null) return state;
  return { ...state, stories: state.stories.map((story) => (story.id === storyId ? change(story) : story)) };
}
