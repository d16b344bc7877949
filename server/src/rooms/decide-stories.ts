import type { ClientCommandPayload, Story, StoryInput } from '@pokerroom/protocol';
import { LIMITS } from '@pokerroom/protocol';
import { event } from './domain-event.js';
import type { DecideContext, Decision } from './room-command.js';
import { accept, refuse } from './room-command.js';
import type { RoomState } from './room-state.js';

/**
 * Appends stories to the queue (`story.add` is an import of one). All or nothing: if they don't
 * all fit under `LIMITS.maxStories`, none is added. The ack returns the new ids in order.
 */
export function addStories(state: RoomState, inputs: readonly StoryInput[], ctx: DecideContext): Decision {
  if (state.stories.length + inputs.length > LIMITS.maxStories) {
    const room = LIMITS.maxStories - state.stories.length;
    return refuse('story_limit', `The queue has room for ${room} more ${room === 1 ? 'story' : 'stories'}.`);
  }
  const stories: Story[] = inputs.map((input) => ({
    ...input,
    id: ctx.newId('story'),
    status: 'pending',
    estimate: null,
    timeSpentMs: 0,
  }));
  if (stories.length === 0) return accept([]);
  return accept([event('story.added', { stories }, ctx.now)], { storyIds: stories.map((story) => story.id) });
}

/** Edits the given fields of a story; status, estimate and time spent are the room's to change. */
export function updateStory(
  state: RoomState,
  d: ClientCommandPayload<'story.update'>,
  ctx: DecideContext,
): Decision {
  const { storyId, ...fields } = d;
  const story = state.stories.find((s) => s.id === storyId);
  if (story === undefined) return refuse('story_not_found', `No story "${storyId}" in this room.`);
  const next: Story = { ...story, ...fields };
  if (JSON.stringify(next) === JSON.stringify(story)) return accept([]);
  return accept([event('story.updated', { story: next }, ctx.now)]);
}

/**
 * Removes a story. A round on that story carries on without a story (its `storyId` becomes
 * `null`), so votes already cast are not lost and the round can still be finalized.
 */
export function removeStory(
  state: RoomState,
  d: ClientCommandPayload<'story.remove'>,
  ctx: DecideContext,
): Decision {
  if (!state.stories.some((story) => story.id === d.storyId)) {
    return refuse('story_not_found', `No story "${d.storyId}" in this room.`);
  }
  return accept([event('story.removed', { storyId: d.storyId }, ctx.now)]);
}

/** Puts the queue in a new order; the ids must be exactly the current ones, each once. */
export function reorderStories(
  state: RoomState,
  d: ClientCommandPayload<'story.reorder'>,
  ctx: DecideContext,
): Decision {
  const current = new Set(state.stories.map((story) => story.id));
  const listed = new Set(d.storyIds);
  const permutation =
    d.storyIds.length === current.size &&
    listed.size === current.size &&
    d.storyIds.every((id) => current.has(id));
  if (!permutation)
    return refuse('invalid_payload', 'storyIds must list every story of the queue exactly once.');
  if (d.storyIds.every((id, index) => state.stories[index]?.id === id)) return accept([]);
  return accept([event('story.reordered', { storyIds: [...d.storyIds] }, ctx.now)]);
}
