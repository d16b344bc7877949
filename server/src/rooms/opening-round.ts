import type { Deck, RoomSettings } from '@pokerroom/protocol';
import { startRound } from './decide-rounds.js';
import { type DomainEvent, event, NO_EVENTS } from './domain-event.js';
import { evolve } from './evolve.js';
import type { DecideContext } from './room-command.js';
import { createRoom, type RoomState } from './room-state.js';

/**
 * The round a room opens by itself, so that the first participant can vote as soon as they join:
 * on the first pending story of the queue, or without a story. It starts no timer (nobody may be
 * there yet to beat it); the facilitator starts one when they want it. Empty when the room already
 * has a round or is closed.
 */
export function openingRound(state: RoomState, ctx: DecideContext): readonly DomainEvent[] {
  if (state.round !== null || state.closed) return NO_EVENTS;
  return roundOnFirstPendingStory(state, ctx);
}

/**
 * Until the first vote, the room's opening round follows the queue: when a decision queued
 * stories and the round open is still untouched (no story, no vote), it moves onto the first
 * pending story. After the first vote, rounds are the facilitator's to start.
 */
export function followQueue(
  after: RoomState,
  decided: readonly DomainEvent[],
  ctx: DecideContext,
): readonly DomainEvent[] {
  const round = after.round;
  if (round === null || after.closed || after.anyVoteCast) return NO_EVENTS;
  if (!decided.some((decidedEvent) => decidedEvent.t === 'story.added')) return NO_EVENTS;
  if (round.status !== 'voting' || round.storyId !== null || round.ballots.size > 0) return NO_EVENTS;
  if (!after.stories.some((story) => story.status === 'pending')) return NO_EVENTS;
  return roundOnFirstPendingStory(after, ctx);
}

function roundOnFirstPendingStory(state: RoomState, ctx: DecideContext): DomainEvent[] {
  const story = state.stories.find((s) => s.status === 'pending');
  const decision = startRound(state, story === undefined ? {} : { storyId: story.id }, ctx);
  if (!decision.ok) return [];
  // The room's own round waits for people: no countdown, whatever the room's timer setting.
  return decision.events.filter((decided) => decided.t !== 'timer.started');
}

/**
 * The first events of a new room's log: its name, deck and settings (`room.updated`), then its
 * opening round. Storing them with the room's row makes the room ready to vote the moment it exists.
 *
 * @example
 * ```ts
 * const events = openingEvents({ id: 'r_1', name: 'Sprint 12', deck, settings }, ctx);
 * ```
 */
export function openingEvents(
  init: { id: string; name: string; deck: Deck; settings: RoomSettings },
  ctx: DecideContext,
): DomainEvent[] {
  const settings = event(
    'room.updated',
    { name: init.name, deck: init.deck, settings: init.settings },
    ctx.now,
  );
  const room = evolve(createRoom(init), settings);
  return [settings, ...openingRound(room, ctx)];
}
