import type { Deck, Participant, RevealedVote, RoomEvent, Round, Story } from '@pokerroom/protocol';
import type { RoomState } from './state.js';

/**
 * Folds one public room event into the state: pure, total (an event that no longer matches the
 * room changes nothing but `seq`) and never throws. Mirrors the server's fold followed by its
 * public projection, so folding the events after a welcome gives exactly the room a fresh
 * client's welcome carries. It does not check `seq` order: the connection does that.
 *
 * @example
 * ```ts
 * const next = applyEvent(room.state, { v: 1, t: 'vote.cast', seq: 8, d: { participantId: 'p_2' } });
 * next.round?.voted; // [..., 'p_2']
 * ```
 */
export function applyEvent(state: RoomState, event: RoomEvent): RoomState {
  const next = dropStrayVotes(apply(state, event));
  const you = next.participants.find((p) => p.id === state.you.id) ?? next.you;
  const round = next.round;
  // Your ballot lives as long as your entry in `voted` (the server keeps it after the reveal).
  const yourVote = round?.voted.includes(you.id) ? next.yourVote : null;
  return { ...next, you, yourVote, seq: event.seq };
}

function apply(state: RoomState, event: RoomEvent): RoomState {
  switch (event.t) {
    case 'participant.joined':
      return { ...state, participants: [...state.participants, event.d.participant] };
    case 'participant.left':
      return { ...state, participants: state.participants.filter((p) => p.id !== event.d.participantId) };
    case 'participant.updated': {
      const updated = event.d.participant;
      return updateParticipant(state, updated.id, () => updated);
    }
    case 'participant.presence': {
      const presence = event.d.presence;
      return updateParticipant(state, event.d.participantId, (p) => ({ ...p, presence }));
    }
    case 'facilitator.changed': {
      const { from, to } = event.d;
      const demoted =
        from === null || from === to
          ? state
          : updateParticipant(state, from, (p) => ({ ...p, role: 'voter' }));
      return updateParticipant(demoted, to, (p) => ({ ...p, role: 'facilitator' }));
    }
    case 'vote.cast': {
      const id = event.d.participantId;
      return updateRound(state, (r) => (r.voted.includes(id) ? r : { ...r, voted: [...r.voted, id] }));
    }
    case 'vote.retracted': {
      const id = event.d.participantId;
      return updateRound(state, (r) => ({ ...r, voted: r.voted.filter((v) => v !== id) }));
    }
    case 'round.started':
    case 'round.reset': {
      const { id, storyId, startedAt, anonymous } = event.d.round;
      return { ...state, round: { id, storyId, status: 'voting', startedAt, anonymous, voted: [] } };
    }
    case 'round.revealed': {
      const { roundId, votes, stats } = event.d;
      return updateRound(state, (r) =>
        r.id === roundId
          ? { ...r, status: 'revealed', votes: publicVotes(votes, r.anonymous, state.deck), stats }
          : r,
      );
    }
    case 'round.finalized': {
      const { roundId, storyId, estimate, durationMs } = event.d;
      const finalized = updateRound(state, (r) =>
        r.id === roundId ? { ...r, status: 'finalized', estimate } : r,
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
    case 'story.updated': {
      const story = event.d.story;
      return updateStory(state, story.id, () => story);
    }
    case 'story.removed': {
      const storyId = event.d.storyId;
      const stories = state.stories.filter((story) => story.id !== storyId);
      // A round on a removed story carries on as a round without a story.
      const round = state.round?.storyId === storyId ? { ...state.round, storyId: null } : state.round;
      return { ...state, stories, round };
    }
    case 'story.reordered': {
      const byId = new Map(state.stories.map((story) => [story.id, story]));
      const listed = event.d.storyIds.flatMap((id) => byId.get(id) ?? []);
      const rest = state.stories.filter((story) => !event.d.storyIds.includes(story.id));
      return { ...state, stories: [...listed, ...rest] };
    }
    case 'room.updated': {
      const { name, deck, settings } = event.d;
      // Anonymous votes are shown in deck order, so a new deck reorders them as the server's snapshot does.
      const round =
        state.round?.anonymous === true && state.round.votes !== undefined
          ? { ...state.round, votes: publicVotes(state.round.votes, true, deck) }
          : state.round;
      return { ...state, name, deck, settings, round };
    }
    case 'room.closed':
      return { ...state, closed: true };
    case 'timer.started': {
      const { startedAt, endsAt, seconds } = event.d;
      return { ...state, timer: { startedAt, endsAt, seconds } };
    }
    case 'timer.stopped':
      return { ...state, timer: null };
    default:
      return state;
  }
}

function updateParticipant(
  state: RoomState,
  id: string,
  change: (participant: Participant) => Participant,
): RoomState {
  if (!state.participants.some((p) => p.id === id)) return state;
  return { ...state, participants: state.participants.map((p) => (p.id === id ? change(p) : p)) };
}

function updateRound(state: RoomState, change: (round: Round) => Round): RoomState {
  return state.round === null ? state : { ...state, round: change(state.round) };
}

function updateStory(state: RoomState, storyId: string | null, change: (story: Story) => Story): RoomState {
  if (storyId === null || !state.stories.some((story) => story.id === storyId)) return state;
  return { ...state, stories: state.stories.map((story) => (story.id === storyId ? change(story) : story)) };
}

/** While a round is open, only facilitators and voters keep a vote: leaving or turning observer drops it. */
function dropStrayVotes(state: RoomState): RoomState {
  const round = state.round;
  if (round === null || round.status !== 'voting' || round.voted.length === 0) return state;
  const voters = new Set(state.participants.filter((p) => p.role !== 'observer').map((p) => p.id));
  const voted = round.voted.filter((id) => voters.has(id));
  return voted.length === round.voted.length ? state : { ...state, round: { ...round, voted } };
}

/** Anonymous votes carry no ids and are sorted by deck order, then label: the server's projection. */
function publicVotes(votes: readonly RevealedVote[], anonymous: boolean, deck: Deck): RevealedVote[] {
  if (!anonymous) return votes.map((vote) => ({ ...vote }));
  const rank = new Map(deck.cards.map((card, index) => [card.label, index]));
  const position = (label: string) => rank.get(label) ?? deck.cards.length;
  return votes
    .map((vote) => ({ card: vote.card }))
    .sort((a, b) => position(a.card) - position(b.card) || (a.card < b.card ? -1 : a.card > b.card ? 1 : 0));
}
