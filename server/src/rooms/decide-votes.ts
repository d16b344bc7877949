import type { ClientCommandPayload } from '@pokerroom/protocol';
import { event } from './domain-event.js';
import type { DecideContext, Decision, Refusal } from './room-command.js';
import { accept, refuse } from './room-command.js';
import { missingVoters, revealEvent, votesInRounds } from './room-queries.js';
import type { RoomParticipant, RoomState, RoundState } from './room-state.js';

/**
 * The round open for votes, or why there is none: no round (or a finalized one) is
 * `no_active_round`, a revealed one is `round_already_revealed` (a re-vote reopens it).
 */
export function votingRound(state: RoomState): RoundState | Refusal {
  const round = state.round;
  if (round === null || round.status === 'finalized') {
    return refuse('no_active_round', 'No round is open. Start a round first.');
  }
  if (round.status === 'revealed') {
    return refuse('round_already_revealed', 'The round is already revealed. Start a re-vote to vote again.');
  }
  return round;
}

/** Casts or changes a hidden vote; a changed vote keeps its place in `voted`. */
export function castVote(
  state: RoomState,
  actor: RoomParticipant,
  d: ClientCommandPayload<'vote.cast'>,
  ctx: DecideContext,
): Decision {
  const round = votingRound(state);
  if ('ok' in round) return round;
  if (!votesInRounds(actor)) {
    return refuse('forbidden', 'You chose not to vote in this room. Switch voting on to vote.');
  }
  if (!state.deck.cards.some((card) => card.label === d.card)) {
    return refuse('invalid_card', `"${d.card}" is not a card of this room's deck.`);
  }
  if (round.ballots.get(actor.id) === d.card) return accept([]);
  return accept([event('vote.cast', { participantId: actor.id, card: d.card }, ctx.now)]);
}

/** Takes a vote back before the reveal; without a vote there is nothing to do. */
export function retractVote(state: RoomState, actor: RoomParticipant, ctx: DecideContext): Decision {
  const round = votingRound(state);
  if ('ok' in round) return round;
  if (!round.ballots.has(actor.id)) return accept([]);
  return accept([event('vote.retracted', { participantId: actor.id }, ctx.now)]);
}

/** Shows the votes and statistics. Allowed with no votes at all: the statistics then count 0. */
export function revealRound(state: RoomState, ctx: DecideContext): Decision {
  const round = votingRound(state);
  if ('ok' in round) return round;
  const reveal = revealEvent(state, false, ctx.now);
  return reveal === null ? refuse('no_active_round', 'No round is open.') : accept([reveal]);
}

/** Reminds the online voters who haven't voted. Not room state, so no event: an ephemeral message. */
export function nudgeVoters(state: RoomState, actor: RoomParticipant): Decision {
  const round = votingRound(state);
  if ('ok' in round) return round;
  return {
    ok: true,
    events: [],
    ephemeral: [{ t: 'nudge', d: { from: actor.id, participantIds: missingVoters(state) } }],
  };
}

/** An emoji reaction: broadcast once, never stored. The schema has already checked the emoji. */
export function sendReaction(actor: RoomParticipant, d: ClientCommandPayload<'reaction.send'>): Decision {
  return {
    ok: true,
    events: [],
    ephemeral: [{ t: 'reaction', d: { participantId: actor.id, emoji: d.emoji } }],
  };
}
