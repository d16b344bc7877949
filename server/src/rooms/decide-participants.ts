import type { ClientCommandPayload } from '@pokerroom/protocol';
import { type DomainEvent, event } from './domain-event.js';
import { toPublicParticipant } from './projection.js';
import type { DecideContext, Decision } from './room-command.js';
import { accept, refuse } from './room-command.js';
import { findParticipant } from './room-queries.js';
import type { RoomParticipant, RoomState } from './room-state.js';

const notFound = (id: string) => refuse('participant_not_found', `No participant "${id}" in this room.`);

/** A `vote.retracted` for someone's ballot in the round open for votes, if they have one. */
function dropBallot(state: RoomState, participantId: string, at: number): DomainEvent[] {
  const round = state.round;
  if (round === null || round.status !== 'voting' || !round.ballots.has(participantId)) return [];
  return [event('vote.retracted', { participantId }, at)];
}

/** Renames the actor, or (facilitators, checked by the permission table) anyone. */
export function renameParticipant(
  state: RoomState,
  actor: RoomParticipant,
  d: ClientCommandPayload<'participant.rename'>,
  ctx: DecideContext,
): Decision {
  const target = findParticipant(state, d.participantId ?? actor.id);
  if (target === undefined) return notFound(d.participantId ?? actor.id);
  if (target.name === d.name) return accept([]);
  const participant = { ...toPublicParticipant(target), name: d.name };
  return accept([event('participant.updated', { participant }, ctx.now)]);
}

/**
 * Makes someone a voter or an observer (the schema allows nothing else: facilitation is handed
 * over with `facilitator.transfer`). An observer's ballot is dropped (`vote.retracted` first)
 * since observers never count. A co-facilitator (from a facilitator token) may step down this
 * way; the last facilitator can't: `facilitator.transfer` hands the room to someone instead.
 */
export function changeRole(
  state: RoomState,
  d: ClientCommandPayload<'participant.role'>,
  ctx: DecideContext,
): Decision {
  const target = findParticipant(state, d.participantId);
  if (target === undefined) return notFound(d.participantId);
  if (target.role === d.role) return accept([]);
  const facilitators = state.participants.filter((p) => p.role === 'facilitator').length;
  if (target.role === 'facilitator' && facilitators === 1) {
    return refuse('forbidden', 'The room needs a facilitator. Transfer the role instead.');
  }
  const events = d.role === 'observer' ? dropBallot(state, target.id, ctx.now) : [];
  const participant = { ...toPublicParticipant(target), role: d.role };
  events.push(event('participant.updated', { participant }, ctx.now));
  return accept(events);
}

/**
 * A facilitator chooses whether they vote. Not voting takes back their vote in the open round
 * (`vote.retracted` first), so the round no longer waits for them and auto-reveal may follow.
 */
export function chooseVoting(
  state: RoomState,
  actor: RoomParticipant,
  d: ClientCommandPayload<'participant.votes'>,
  ctx: DecideContext,
): Decision {
  if ((actor.votes !== false) === d.votes) return accept([]);
  const { votes: _votes, ...rest } = toPublicParticipant(actor);
  const participant = d.votes ? rest : { ...rest, votes: false as const };
  const events = d.votes ? [] : dropBallot(state, actor.id, ctx.now);
  events.push(event('participant.updated', { participant }, ctx.now));
  return accept(events);
}

/** Removes someone for good; their ballot goes with them. Facilitators can't kick themselves. */
export function kickParticipant(
  state: RoomState,
  actor: RoomParticipant,
  d: ClientCommandPayload<'participant.kick'>,
  ctx: DecideContext,
): Decision {
  if (d.participantId === actor.id) return refuse('forbidden', 'You cannot kick yourself.');
  if (findParticipant(state, d.participantId) === undefined) return notFound(d.participantId);
  const events = dropBallot(state, d.participantId, ctx.now);
  events.push(event('participant.left', { participantId: d.participantId, reason: 'kicked' }, ctx.now));
  return accept(events);
}

/**
 * Hands the facilitator role to someone else, who may be a voter, an observer or a co-facilitator;
 * the actor becomes a voter. Handing it to yourself is an invalid request.
 */
export function transferFacilitator(
  state: RoomState,
  actor: RoomParticipant,
  d: ClientCommandPayload<'facilitator.transfer'>,
  ctx: DecideContext,
): Decision {
  if (d.participantId === actor.id) return refuse('invalid_payload', 'You are already a facilitator.');
  if (findParticipant(state, d.participantId) === undefined) return notFound(d.participantId);
  return accept([
    event('facilitator.changed', { from: actor.id, to: d.participantId, reason: 'transfer' }, ctx.now),
  ]);
}
