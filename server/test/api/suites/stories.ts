import { describe, expect, it } from 'vitest';
import type { ApiFixture } from '../fixture.js';

export function storiesSuite(get: () => ApiFixture): void {
  describe('stories', () => {
    it('adds, imports, edits, reorders and removes stories, live for connected participants', async () => {
      const { api, join } = get();
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const voter = await join(room, 'Gus');
      const added = await api.post(`/v1/rooms/${room}/stories`, { title: 'Login page', externalId: 'PR-1' });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({
        title: 'Login page',
        externalId: 'PR-1',
        // The first story queued before the first vote: the room's open round moved onto it.
        status: 'active',
        estimate: null,
      });
      await voter.waitFor((m) => m.t === 'story.added');

      const imported = await api.post(`/v1/rooms/${room}/stories/import`, {
        stories: [
          { title: 'Search', description: 'Full text', url: 'https://tracker.example/PR-2' },
          { title: 'Export', externalId: 'PR-3' },
        ],
      });
      expect(imported.status).toBe(201);
      expect(imported.body.data.map((s: { title: string }) => s.title)).toEqual(['Search', 'Export']);

      const [search, exportStory] = imported.body.data as { id: string }[];
      const edited = await api.patch(`/v1/rooms/${room}/stories/${search?.id}`, { title: 'Search v2' });
      expect(edited.body).toMatchObject({ id: search?.id, title: 'Search v2', description: 'Full text' });
      await voter.waitFor((m) => m.t === 'story.updated');

      const order = [exportStory?.id, search?.id, added.body.id];
      const reordered = await api.post(`/v1/rooms/${room}/stories/reorder`, { storyIds: order });
      expect(reordered.status).toBe(200);
      expect(reordered.body.data.map((s: { id: string }) => s.id)).toEqual(order);

      const removed = await api.delete(`/v1/rooms/${room}/stories/${added.body.id}`);
      expect(removed.status).toBe(204);
      await voter.waitFor((m) => m.t === 'story.removed');
      const read = await api.get(`/v1/rooms/${room}`);
      expect(read.body.stories.map((s: { id: string }) => s.id)).toEqual([exportStory?.id, search?.id]);
    });

    it('works on a room nobody has joined yet', async () => {
      const { api } = get();
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const imported = await api.post(`/v1/rooms/${room}/stories/import`, { stories: [{ title: 'First' }] });
      expect(imported.status).toBe(201);
      const read = await api.get(`/v1/rooms/${room}`);
      expect(read.body.round).toMatchObject({ status: 'voting', storyId: imported.body.data[0].id });
    });

    it('answers 404 story_not_found for an unknown story, and 400 for a reorder that is not a permutation', async () => {
      const { api } = get();
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const story = await api.post(`/v1/rooms/${room}/stories`, { title: 'Only' });
      expect((await api.patch(`/v1/rooms/${room}/stories/story_nope`, { title: 'x' })).body.code).toBe(
        'story_not_found',
      );
      expect((await api.delete(`/v1/rooms/${room}/stories/story_nope`)).status).toBe(404);
      const reorder = await api.post(`/v1/rooms/${room}/stories/reorder`, {
        storyIds: [story.body.id, 'story_other'],
      });
      expect(reorder.status).toBe(400);
      expect(reorder.body.code).toBe('invalid_payload');
    });

    it('refuses an import past the queue limit as a whole (409 story_limit)', async () => {
      const { api } = get();
      const room = (await api.post('/v1/rooms', {})).body.id as string;
      const batch = Array.from({ length: 100 }, (_, i) => ({ title: `Story ${i}` }));
      for (let i = 0; i < 5; i++)
        expect((await api.post(`/v1/rooms/${room}/stories/import`, { stories: batch })).status).toBe(201);
      const refused = await api.post(`/v1/rooms/${room}/stories`, { title: 'One too many' });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('story_limit');
    });
  });
}
