import type { Story, StoryInput } from '@pokerroom/protocol';
import type { Static } from '@sinclair/typebox';
import { HttpProblem } from '../http/request-reply.js';
import type { RoomHost } from '../realtime/room-host.js';
import type { Owner } from '../storage/accounts.js';
import type { Handler, RestDeps } from './handler.js';
import type { ImportStoriesBody, ReorderStoriesBody, UpdateStoryBody } from './request-schemas.js';
import { expectOk, ownedRoomHost, submitAsIntegration } from './room-actions.js';

function storiesById(host: RoomHost, ids: readonly string[]): Story[] {
  return ids.map((id) => {
    const story = host.durable.stories.find((s) => s.id === id);
    if (story === undefined) throw new Error(`story ${id} is not in the room after adding it`);
    return story;
  });
}

/** The story queue of a room: every change goes through the room host, so participants see it live. */
export function storyHandlers(deps: RestDeps) {
  const { sql, rooms } = deps;
  const hostOf = (owner: Owner, roomId: string | undefined) => ownedRoomHost(sql, rooms, owner, roomId ?? '');

  const addStory: Handler = async ({ params, body, key }) => {
    const { host } = await hostOf(key, params.roomId);
    const outcome = expectOk(await submitAsIntegration(host, { t: 'story.add', d: body as StoryInput }));
    const [story] = storiesById(host, outcome.result?.storyIds ?? []);
    return { status: 201, body: story };
  };

  const importStories: Handler = async ({ params, body, key }) => {
    const { host } = await hostOf(key, params.roomId);
    const input = body as Static<typeof ImportStoriesBody>;
    const outcome = expectOk(await submitAsIntegration(host, { t: 'story.import', d: input }));
    return { status: 201, body: { data: storiesById(host, outcome.result?.storyIds ?? []) } };
  };

  const reorderStories: Handler = async ({ params, body, key }) => {
    const { host } = await hostOf(key, params.roomId);
    const input = body as Static<typeof ReorderStoriesBody>;
    expectOk(await submitAsIntegration(host, { t: 'story.reorder', d: input }));
    return { status: 200, body: { data: host.durable.stories } };
  };

  const updateStory: Handler = async ({ params, body, key }) => {
    const { host } = await hostOf(key, params.roomId);
    const storyId = params.storyId ?? '';
    if (!host.durable.stories.some((s) => s.id === storyId)) throw new HttpProblem('story_not_found');
    const input = body as Static<typeof UpdateStoryBody>;
    expectOk(await submitAsIntegration(host, { t: 'story.update', d: { storyId, ...input } }));
    const [story] = storiesById(host, [storyId]);
    return { status: 200, body: story };
  };

  const removeStory: Handler = async ({ params, key }) => {
    const { host } = await hostOf(key, params.roomId);
    const storyId = params.storyId ?? '';
    if (!host.durable.stories.some((s) => s.id === storyId)) throw new HttpProblem('story_not_found');
    expectOk(await submitAsIntegration(host, { t: 'story.remove', d: { storyId } }));
    return { status: 204 };
  };

  return { addStory, importStories, reorderStories, updateStory, removeStory };
}
