import {
  type Deck,
  type Participant,
  type PublicRoomEvent,
  publicVotes,
  type RoomSnapshot,
  type Round,
} from '@pokerroom/protocol';
import type { DomainEvent } from './domain-event.js';
import type { RoomParticipant, RoomState, RoundState } from './room-state.js';

/**
 * The public form of a domain event, for broadcast and for the protocol's public fold (anonymity
 * by the protocol's `publicVotes`, the one definition the clients fold with too): `vote.cast`
 * loses its card, and `round.revealed` loses participant ids when the round is anonymous. Pass the
 * room (before or after folding the event) so anonymity is known; without it, ids are stripped,
 * because showing who voted what in an anonymous round can't be taken back.
 *
 * @example
 * ```ts
 * broadcast({ v: 2, seq, ...toPublicEvent(event, room) });
 * ```
 */
export function toPublicEvent(event: DomainEvent, state?: RoomState): PublicRoomEvent {
  switch (event.t) {
    case 'vote.cast':
      return { t: 'vote.cast', d: { participantId: event.d.participantId } };
    case 'round.revealed': {
      const round = state?.round;
      const anonymous = round?.id === event.d.roundId ? round.anonymous : true;
      const deck = state?.deck ?? { kind: 'custom', cards: [] };
      return { t: 'round.revealed', d: { ...event.d, votes: publicVotes(event.d.votes, anonymous, deck) } };
    }
    default:
      // Every other payload is already public; only the `at` envelope field stays behind.
      return { t: event.t, d: event.d } as PublicRoomEvent;
  }
}

/**
 * The whole public room, for welcome frames and REST reads: no ballots; `voted` lists who voted;
 * votes and statistics only once revealed, and without ids in anonymous rounds.
 *
 * @example
 * ```ts
 * send({ v: 2, t: 'welcome', d: { room: toSnapshot(room), seq: room.seq, … } });
 * ```
 */
export function toSnapshot(state: RoomState): RoomSnapshot {
  return {
    id: state.id,
    name: state.name,
    deck: state.deck,
    settings: { ...state.settings },
    participants: state.participants.map(toPublicParticipant),
    stories: [...state.stories],
    round: state.round === null ? null : toPublicRound(state.round, state.deck),
    timer: state.timer === null ? null : { ...state.timer },
    closed: state.closed,
  };
}

/** A participant without the room's private bookkeeping (join and presence times). */
export function toPublicParticipant(participant: RoomParticipant): Participant {
  const { joinedAt: _joinedAt, presenceSince: _presenceSince, ...visible } = participant;
  return visible;
}

function toPublicRound(round: RoundState, deck: Deck): Round {
  const visible: Round = {
    id: round.id,
    storyId: round.storyId,
    status: round.status,
    startedAt: round.startedAt,
    anonymous: round.anonymous,
    voted: [...round.voted],
  };
  if (round.status === 'voting') return visible;
  return {
    ...visible,
    ...(round.votes === undefined ? {} : { votes: publicVotes(round.votes, round.anonymous, deck) }),
    ...(round.stats === undefined ? {} : { stats: round.stats }),
    ...(round.estimate === undefined ? {} : { estimate: round.estimate }),
  };
}
