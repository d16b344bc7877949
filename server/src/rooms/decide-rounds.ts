import type { ClientCommandPayload } from '@pokerroom/protocol';
import { votingRound } from './decide-votes.js';
import { type DomainEvent, event } from './domain-event.js';
import { evolve } from './evolve.js';
import type { DecideContext, Decision } from './room-command.js';
import { accept, refuse } from './room-command.js';
import type { RoomState } from './room-state.js';

/**
 * What ending the current round implies: a running timer stops (`round-ended`), and a story whose
 * round ends without an estimate goes back to the queue with the time spent on it so far.
 */
function endRound(state: RoomState, at: number): DomainEvent[] {
  const events: DomainEvent[] = [];
  if (state.timer !== null) events.push(event('timer.stopped', { reason: 'round-ended' }, at));
  const round = state.round;
  if (round === null || round.status === 'finalized') return events;
  const story = state.stories.find((s) => s.id === round.storyId);
  if (story !== undefined) {
    const status = story.estimate === null ? 'pending' : 'estimated';
    const timeSpentMs = story.timeSpentMs + Math.max(0, at - round.startedAt);
    events.push(event('story.updated', { story: { ...story, status, timeSpentMs } }, at));
  }
  return events;
}

/** A timer for `seconds`, starting now; it replaces any running one. */
function timerEvent(seconds: number, at: number): DomainEvent {
  return event('timer.started', { startedAt: at, endsAt: at + seconds * 1000, seconds }, at);
}

/**
 * Opens a new round, replacing any current one, optionally on a story of the queue (which becomes
 * `active`). The round takes the room's `anonymous` setting as it is now; with `roundTimerSeconds`
 * set, the timer starts with it.
 */
export function startRound(
  state: RoomState,
  d: ClientCommandPayload<'round.start'>,
  ctx: DecideContext,
): Decision {
  const storyId = d.storyId ?? null;
  if (storyId !== null && !state.stories.some((story) => story.id === storyId)) {
    return refuse('story_not_found', `No story "${storyId}" in this room.`);
  }
  const events = endRound(state, ctx.now);
  // The story may have just been updated by ending the previous round on it.
  const story = events.reduce(evolve, state).stories.find((s) => s.id === storyId);
  if (story !== undefined && story.status !== 'active') {
    events.push(event('story.updated', { story: { ...story, status: 'active' } }, ctx.now));
  }
  const round = {
    id: ctx.newId('round'),
    storyId,
    status: 'voting' as const,
    startedAt: ctx.now,
    anonymous: state.settings.anonymous,
    voted: [],
  };
  events.push(event('round.started', { round }, ctx.now));
  const seconds = state.settings.roundTimerSeconds;
  if (seconds !== null) events.push(timerEvent(seconds, ctx.now));
  return accept(events);
}

/**
 * Clears the votes for a re-vote on the same story: the time spent so far goes to the story
 * (`story.updated`), and a new round starts now under a new id, with a fresh timer when the room
 * times its rounds (else a running one stops).
 */
export function resetRound(state: RoomState, ctx: DecideContext): Decision {
  const round = state.round;
  if (round === null || round.status === 'finalized') return refuse('no_active_round', 'No round to reset.');
  const { storyId, startedAt, anonymous } = round;
  const events: DomainEvent[] = [];
  const story = state.stories.find((s) => s.id === storyId);
  if (story !== undefined) {
    const timeSpentMs = story.timeSpentMs + Math.max(0, ctx.now - startedAt);
    events.push(event('story.updated', { story: { ...story, timeSpentMs } }, ctx.now));
  }
  const next = {
    id: ctx.newId('round'),
    storyId,
    status: 'voting' as const,
    startedAt: ctx.now,
    anonymous,
    voted: [],
  };
  events.push(event('round.reset', { round: next }, ctx.now));
  const seconds = state.settings.roundTimerSeconds;
  if (seconds !== null) events.push(timerEvent(seconds, ctx.now));
  else if (state.timer !== null) events.push(event('timer.stopped', { reason: 'round-ended' }, ctx.now));
  return accept(events);
}

/**
 * Closes a revealed round with the chosen estimate (any text); the story becomes estimated (its
 * `story.updated` follows, see `withConsequences`).
 */
export function finalizeRound(
  state: RoomState,
  d: ClientCommandPayload<'round.finalize'>,
  ctx: DecideContext,
): Decision {
  const round = state.round;
  if (round === null || round.status === 'finalized')
    return refuse('no_active_round', 'No round to finalize.');
  if (round.status !== 'revealed')
    return refuse('round_not_revealed', 'Reveal the round before finalizing it.');
  // No timer to stop: the reveal stopped it, and a timer starts only on a round open for votes.
  const durationMs = Math.max(0, ctx.now - round.startedAt);
  const payload = { roundId: round.id, storyId: round.storyId, estimate: d.estimate, durationMs };
  return accept([event('round.finalized', payload, ctx.now)]);
}

/** Starts (or restarts) a countdown for the round open for votes. */
export function startTimer(
  state: RoomState,
  d: ClientCommandPayload<'timer.start'>,
  ctx: DecideContext,
): Decision {
  const round = votingRound(state);
  if ('ok' in round) return round;
  return accept([timerEvent(d.seconds, ctx.now)]);
}

/** Stops the countdown; stopping no countdown is a harmless no-op. */
export function stopTimer(state: RoomState, ctx: DecideContext): Decision {
  if (state.timer === null) return accept([]);
  return accept([event('timer.stopped', { reason: 'stopped' }, ctx.now)]);
}
