import type { Participant, Presence, Role } from '@pokerroom/protocol';
import { votesInRounds } from './room-queries.js';
import type { RoomParticipant, RoomState, RoundState } from './room-state.js';

/** Applies `change` to one participant; others are kept as they are (same objects). */
export function updateParticipant(
  state: RoomState,
  participantId: string,
  change: (participant: RoomParticipant) => RoomParticipant,
): RoomState {
  return {
    ...state,
    participants: state.participants.map((p) => (p.id === participantId ? change(p) : p)),
  };
}

/** A participant with the public fields of `next`, keeping the room's own times. */
export function withPublicFields(current: RoomParticipant, next: Participant, at: number): RoomParticipant {
  return {
    ...next,
    joinedAt: current.joinedAt,
    presenceSince: next.presence === current.presence ? current.presenceSince : at,
  };
}

/** A participant with a new presence, stamped with when it changed. */
export function withPresence(participant: RoomParticipant, presence: Presence, at: number): RoomParticipant {
  return presence === participant.presence ? participant : { ...participant, presence, presenceSince: at };
}

/** A participant with a new role; the choice not to vote is a facilitator's and goes with the role. */
export function withRole(participant: RoomParticipant, role: Role): RoomParticipant {
  if (role === participant.role) return participant;
  const { votes: _votes, ...rest } = participant;
  return { ...rest, role };
}

/**
 * Drops ballots of people who no longer vote here (left, now observers, or facilitators who stopped voting). `decide` emits
 * `vote.retracted` before such changes; this keeps the invariant even for a hand-written log.
 */
export function dropStrayBallots(state: RoomState): RoomState {
  const round = state.round;
  if (round === null || round.status !== 'voting') return state;
  const voters = new Set(state.participants.filter(votesInRounds).map((p) => p.id));
  const stray = round.voted.filter((id) => !voters.has(id));
  if (stray.length === 0) return state;
  return { ...state, round: withoutBallots(round, stray) };
}

/** {@link dropStrayBallots} for one participant's ballot only. */
export function dropStrayBallot(state: RoomState, participantId: string): RoomState {
  const round = state.round;
  if (round === null || round.status !== 'voting') return state;
  const participant = state.participants.find((p) => p.id === participantId);
  if (participant !== undefined && votesInRounds(participant)) return state;
  return round.voted.includes(participantId)
    ? { ...state, round: withoutBallots(round, [participantId]) }
    : state;
}

/** The round without these participants' ballots. */
export function withoutBallots(round: RoundState, participantIds: readonly string[]): RoundState {
  const ballots = round.ballots.without(participantIds);
  return ballots === round.ballots ? round : { ...round, ballots, voted: ballots.voters };
}

/**
 * Since when someone has been online without a facilitator online. Starts when that situation
 * starts (the last facilitator leaves, or a voter arrives in a room with none), keeps its start
 * while it lasts, and clears when a facilitator is back or nobody is left waiting.
 */
export function trackFacilitatorAbsence(state: RoomState, at: number): RoomState {
  const online = state.participants.filter((p) => p.presence === 'online');
  const waiting = online.length > 0 && !online.some((p) => p.role === 'facilitator');
  const since = waiting ? (state.facilitatorAbsentSince ?? at) : null;
  return since === state.facilitatorAbsentSince ? state : { ...state, facilitatorAbsentSince: since };
}
