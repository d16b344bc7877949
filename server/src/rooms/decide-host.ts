import type { Participant, Presence } from '@pokerroom/protocol';
import { LIMITS } from '@pokerroom/protocol';
import { type DomainEvent, event } from './domain-event.js';
import { toPublicParticipant } from './projection.js';
import type { DecideContext, Decision, JoiningParticipant } from './room-command.js';
import { accept, refuse } from './room-command.js';
import { findParticipant, handOverCandidate, revealEvent } from './room-queries.js';
import type { RoomState } from './room-state.js';

/**
 * A connection opened. A newcomer joins online (`room_full` past `LIMITS.maxParticipants`); a known
 * participant comes back online, keeping the room's role for them (a facilitator may have changed
 * it) and taking the name and avatar their token now carries. A facilitator who lost the role only
 * because they were away gets it back at once (`facilitator.changed`, `transfer`), as long as their
 * token still names them facilitator and nobody handed the role on by hand meanwhile.
 */
export function decideJoin(state: RoomState, who: JoiningParticipant, ctx: DecideContext): Decision {
  const known = findParticipant(state, who.id);
  if (known === undefined) {
    if (state.participants.length >= LIMITS.maxParticipants) {
      return refuse('room_full', `The room already has ${LIMITS.maxParticipants} participants.`);
    }
    const participant: Participant = {
      id: who.id,
      name: who.name,
      role: who.role,
      presence: 'online',
      ...(who.avatarUrl === undefined ? {} : { avatarUrl: who.avatarUrl }),
      ...(who.externalId === undefined ? {} : { externalId: who.externalId }),
    };
    return accept([event('participant.joined', { participant }, ctx.now)]);
  }
  const events: DomainEvent[] = [];
  if (known.presence !== 'online') {
    events.push(event('participant.presence', { participantId: known.id, presence: 'online' }, ctx.now));
  }
  const renamed = who.name !== known.name;
  const newAvatar = who.avatarUrl !== undefined && who.avatarUrl !== known.avatarUrl;
  if (renamed || newAvatar) {
    const participant = { ...toPublicParticipant(known), presence: 'online' as const, name: who.name };
    const updated = who.avatarUrl === undefined ? participant : { ...participant, avatarUrl: who.avatarUrl };
    events.push(event('participant.updated', { participant: updated }, ctx.now));
  }
  if (state.absentFacilitator === known.id && who.role === 'facilitator' && known.role !== 'facilitator') {
    const current = state.participants.find((p) => p.role === 'facilitator');
    const payload = { from: current?.id ?? null, to: known.id, reason: 'transfer' as const };
    events.push(event('facilitator.changed', payload, ctx.now));
  }
  return accept(events);
}

/** The host saw someone go away, go offline (after its grace period) or come back. */
export function decidePresence(
  state: RoomState,
  participantId: string,
  presence: Presence,
  ctx: DecideContext,
): Decision {
  const participant = findParticipant(state, participantId);
  if (participant === undefined) {
    return refuse('participant_not_found', `No participant "${participantId}" in this room.`);
  }
  if (participant.presence === presence) return accept([]);
  return accept([event('participant.presence', { participantId, presence }, ctx.now)]);
}

/**
 * Time passed. At the timer's end the countdown stops (`expired`) and a voting round reveals by
 * itself. When no facilitator has been online for the grace period, the online voter who joined
 * first becomes facilitator; the absent facilitators become voters.
 */
export function decideTick(state: RoomState, ctx: DecideContext): Decision {
  const events: DomainEvent[] = [];
  if (state.timer !== null && ctx.now >= state.timer.endsAt) {
    events.push(event('timer.stopped', { reason: 'expired' }, ctx.now));
    const reveal = revealEvent(state, true, ctx.now);
    if (reveal !== null) events.push(reveal);
  }
  const since = state.facilitatorAbsentSince;
  const candidate = handOverCandidate(state);
  if (since !== null && ctx.now >= since + ctx.facilitatorGraceMs && candidate !== undefined) {
    const [first, ...others] = state.participants.filter((p) => p.role === 'facilitator');
    events.push(
      event('facilitator.changed', { from: first?.id ?? null, to: candidate.id, reason: 'absent' }, ctx.now),
    );
    for (const other of others) {
      const participant = { ...toPublicParticipant(other), role: 'voter' as const };
      events.push(event('participant.updated', { participant }, ctx.now));
    }
  }
  return accept(events);
}

/** The room closes: a running timer stops, then `room.closed`; every later command is refused. */
export function decideClose(state: RoomState, ctx: DecideContext): Decision {
  const events: DomainEvent[] = [];
  if (state.timer !== null) events.push(event('timer.stopped', { reason: 'round-ended' }, ctx.now));
  events.push(event('room.closed', {}, ctx.now));
  return accept(events);
}
