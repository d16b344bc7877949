import type { Deck } from './decks.js';
import type { RoomEventPayload, RoomEventType } from './events.js';
import type { Participant, RevealedVote, RoomSnapshot, Round, Story } from './model.js';

/**
 * A room event as every participant may see it: its `t` and `d`, without envelope. A
 * {@link RoomEvent} frame is one.
 */
export type PublicRoomEvent = {
  [T in RoomEventType]: { readonly t: T; readonly d: RoomEventPayload<T> };
}[RoomEventType];

/**
 * The public fold of protocol v2: the room after one event, from the room before it. Pure and
 * total (an event that no longer matches the room changes nothing) and it never throws. It is
 * the only place the public room is derived from events: the server's projection of its log,
 * the SDK and the spec follow it, so folding the events after a welcome gives exactly the room a
 * fresh welcome carries. In v2 an event says everything that changed, so the fold applies no rule
 * of the game (no role, vote or story changes implied by another event); docs/protocol.md says,
 * per event, what this function does.
 *
 * @example
 * ```ts
 * const room = events.reduce(foldRoomEvent, welcome.d.room);
 * ```
 */
export function foldRoomEvent(room: RoomSnapshot, event: PublicRoomEvent): RoomSnapshot {
  switch (event.t) {
    case 'participant.joined':
      return { ...room, participants: [...room.participants, { ...event.d.participant }] };
    case 'participant.left': {
      const id = event.d.participantId;
      return { ...room, participants: room.participants.filter((p) => p.id !== id) };
    }
    case 'participant.updated': {
      const updated = event.d.participant;
      return updateParticipant(room, updated.id, () => ({ ...updated }));
    }
    case 'participant.presence': {
      const presence = event.d.presence;
      return updateParticipant(room, event.d.participantId, (p) => ({ ...p, presence }));
    }
    case 'facilitator.changed':
      return room; // the roles change with the `participant.updated` events that follow it
    case 'vote.cast': {
      const id = event.d.participantId;
      return updateRound(room, (r) => (r.voted.includes(id) ? r : { ...r, voted: [...r.voted, id] }));
    }
    case 'vote.retracted': {
      const id = event.d.participantId;
      return updateRound(room, (r) => ({ ...r, voted: r.voted.filter((v) => v !== id) }));
    }
    case 'round.started':
    case 'round.reset':
      return { ...room, round: { ...event.d.round, voted: [...event.d.round.voted] } };
    case 'round.revealed': {
      const { roundId, votes, stats } = event.d;
      return updateRound(room, (r) =>
        r.id === roundId ? { ...r, status: 'revealed', votes: votes.map((v) => ({ ...v })), stats } : r,
      );
    }
    case 'round.finalized': {
      const { roundId, estimate } = event.d;
      return updateRound(room, (r) => (r.id === roundId ? { ...r, status: 'finalized', estimate } : r));
    }
    case 'story.added':
      return { ...room, stories: [...room.stories, ...event.d.stories] };
    case 'story.updated': {
      const story = event.d.story;
      return updateStory(room, story.id, () => story);
    }
    case 'story.removed': {
      const storyId = event.d.storyId;
      const stories = room.stories.filter((story) => story.id !== storyId);
      // What the event means: the story is gone, and so is the open round's reference to it.
      const round = room.round?.storyId === storyId ? { ...room.round, storyId: null } : room.round;
      return { ...room, stories, round };
    }
    case 'story.reordered': {
      const byId = new Map(room.stories.map((story) => [story.id, story]));
      const listed = event.d.storyIds.flatMap((id) => byId.get(id) ?? []);
      const rest = room.stories.filter((story) => !event.d.storyIds.includes(story.id));
      return { ...room, stories: [...listed, ...rest] };
    }
    case 'room.updated': {
      const { name, deck, settings } = event.d;
      // Anonymous votes are listed in deck order (see publicVotes): a new deck lists them anew.
      const round =
        room.round?.anonymous === true && room.round.votes !== undefined
          ? { ...room.round, votes: publicVotes(room.round.votes, true, deck) }
          : room.round;
      return { ...room, name, deck, settings, round };
    }
    case 'room.closed':
      return { ...room, closed: true };
    case 'timer.started':
      return { ...room, timer: { ...event.d } };
    case 'timer.stopped':
      return { ...room, timer: null };
    default:
      return room;
  }
}

/**
 * The public fold of protocol v1, where some events leave their consequences to the client:
 * `facilitator.changed` implies the two roles, `round.finalized` implies the story's estimate and
 * time spent, and a participant who leaves or turns observer loses their vote in an open round.
 * Use it for frames of a v1 connection; a server that also serves v2 sends those consequences as
 * events as well, which fold to the same room.
 *
 * @example
 * ```ts
 * const room = v1Events.reduce(foldRoomEventV1, welcome.d.room);
 * ```
 */
export function foldRoomEventV1(room: RoomSnapshot, event: PublicRoomEvent): RoomSnapshot {
  const folded = foldRoomEvent(room, event);
  switch (event.t) {
    case 'facilitator.changed': {
      const { from, to } = event.d;
      const demoted =
        from === null || from === to
          ? folded
          : updateParticipant(folded, from, (p) => ({ ...p, role: 'voter' }));
      return updateParticipant(demoted, to, (p) => ({ ...p, role: 'facilitator' }));
    }
    case 'round.finalized': {
      const { storyId, estimate, durationMs } = event.d;
      return updateStory(folded, storyId, (story) => ({
        ...story,
        status: 'estimated',
        estimate,
        timeSpentMs: story.timeSpentMs + durationMs,
      }));
    }
    case 'participant.left':
    case 'participant.updated':
      return dropStrayVotes(folded);
    default:
      return folded;
  }
}

/**
 * Votes as everyone may see them once revealed. In an anonymous round they lose their ids and
 * are listed in deck order, then by label: kept in voting order, they could be matched against
 * `voted`, which lists who voted first.
 *
 * @example
 * ```ts
 * publicVotes([{ participantId: 'p_1', card: '8' }, { participantId: 'p_2', card: '3' }], true, deck);
 * // [{ card: '3' }, { card: '8' }]
 * ```
 */
export function publicVotes(votes: readonly RevealedVote[], anonymous: boolean, deck: Deck): RevealedVote[] {
  if (!anonymous) return votes.map((vote) => ({ ...vote }));
  const rank = new Map(deck.cards.map((card, index) => [card.label, index]));
  const position = (label: string) => rank.get(label) ?? deck.cards.length;
  return votes
    .map((vote) => ({ card: vote.card }))
    .sort((a, b) => position(a.card) - position(b.card) || (a.card < b.card ? -1 : a.card > b.card ? 1 : 0));
}

function updateParticipant(
  room: RoomSnapshot,
  id: string,
  change: (participant: Participant) => Participant,
): RoomSnapshot {
  if (!room.participants.some((p) => p.id === id)) return room;
  return { ...room, participants: room.participants.map((p) => (p.id === id ? change(p) : p)) };
}

function updateRound(room: RoomSnapshot, change: (round: Round) => Round): RoomSnapshot {
  return room.round === null ? room : { ...room, round: change(room.round) };
}

function updateStory(
  room: RoomSnapshot,
  storyId: string | null,
  change: (story: Story) => Story,
): RoomSnapshot {
  if (storyId === null || !room.stories.some((story) => story.id === storyId)) return room;
  return { ...room, stories: room.stories.map((story) => (story.id === storyId ? change(story) : story)) };
}

/** While a round is open, only facilitators and voters keep a vote (v1 leaves this to the client). */
function dropStrayVotes(room: RoomSnapshot): RoomSnapshot {
  const round = room.round;
  if (round === null || round.status !== 'voting' || round.voted.length === 0) return room;
  const voters = new Set(room.participants.filter((p) => p.role !== 'observer').map((p) => p.id));
  const voted = round.voted.filter((id) => voters.has(id));
  return voted.length === round.voted.length ? room : { ...room, round: { ...round, voted } };
}
