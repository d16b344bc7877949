import type { Participant } from '@pokerroom/protocol';
import type { Ballots } from './ballots.js';
import { type DomainEventOf, event } from './domain-event.js';
import type { RoomParticipant, RoomState } from './room-state.js';
import { computeStatistics } from './statistics.js';

/**
 * Whether someone's votes count: voters' always, facilitators' unless they chose not to vote
 * (`votes: false`), observers' never. Who is waited for, nudged and may vote follows from it.
 */
export function votesInRounds(participant: Pick<Participant, 'role' | 'votes'>): boolean {
  if (participant.role === 'observer') return false;
  return participant.role === 'voter' || participant.votes !== false;
}

/** The participant with this id, if they are in the room. */
export function findParticipant(state: RoomState, participantId: string): RoomParticipant | undefined {
  return state.participants.find((participant) => participant.id === participantId);
}

/**
 * The card a participant chose in the current round, or `null`. Only the participant themselves
 * may see it before the reveal (the host sends it in their welcome as `yourVote`).
 *
 * @example
 * ```ts
 * const yourVote = voteOf(room, session.participantId);
 * ```
 */
export function voteOf(state: RoomState, participantId: string): string | null {
  return state.round?.ballots.get(participantId) ?? null;
}

/** Online participants who vote but have not voted in the open round: who a nudge reminds. */
export function missingVoters(state: RoomState): string[] {
  const ballots = state.round?.ballots;
  return state.participants.filter((p) => isMissingVoter(p, ballots)).map((p) => p.id);
}

/** An online participant who votes in rounds and has no ballot in `ballots` (none without a round). */
function isMissingVoter(participant: RoomParticipant, ballots: Ballots | undefined): boolean {
  return votesInRounds(participant) && participant.presence === 'online' && !ballots?.has(participant.id);
}

/**
 * Whether the room should reveal by itself now: auto-reveal is on, the round is voting, there is
 * at least one vote, and every online voter has voted. Away or offline voters, observers and
 * facilitators who do not vote never block it.
 */
export function isAutoRevealDue(state: RoomState): boolean {
  const round = state.round;
  if (state.closed || !state.settings.autoReveal || round === null || round.status !== 'voting') return false;
  // Checked on every vote: a scan that stops at the first voter missing, with no list built.
  const ballots = round.ballots;
  return ballots.size > 0 && !state.participants.some((p) => isMissingVoter(p, ballots));
}

/**
 * The `round.revealed` event for the open round: votes in first-vote order with their ids (the
 * public projection strips ids in anonymous rounds) and the statistics frozen at this moment.
 */
export function revealEvent(
  state: RoomState,
  auto: boolean,
  at: number,
): DomainEventOf<'round.revealed'> | null {
  const round = state.round;
  if (round === null || round.status !== 'voting') return null;
  const votes = round.voted.flatMap((participantId) => {
    const card = round.ballots.get(participantId);
    return card === undefined ? [] : [{ participantId, card }];
  });
  const stats = computeStatistics(
    state.deck,
    votes.map((vote) => vote.card),
  );
  return event('round.revealed', { roundId: round.id, votes, stats, auto }, at);
}

/** Who takes over when the facilitators are gone: the online voter who joined first. */
export function handOverCandidate(state: RoomState): RoomParticipant | undefined {
  return state.participants.find((p) => p.role === 'voter' && p.presence === 'online');
}

/**
 * The earliest time a `tick` would produce events — the timer's end, or the end of the
 * facilitator's grace period when someone could take over — so the host keeps one timer per room.
 * `null` when no tick is needed.
 *
 * @example
 * ```ts
 * const at = nextDeadline(room, config.facilitatorGraceMs);
 * if (at !== null) schedule(room.id, at);
 * ```
 */
export function nextDeadline(state: RoomState, facilitatorGraceMs: number): number | null {
  if (state.closed) return null;
  const deadlines: number[] = [];
  if (state.timer !== null) deadlines.push(state.timer.endsAt);
  if (state.facilitatorAbsentSince !== null && handOverCandidate(state) !== undefined) {
    deadlines.push(state.facilitatorAbsentSince + facilitatorGraceMs);
  }
  return deadlines.length === 0 ? null : Math.min(...deadlines);
}
