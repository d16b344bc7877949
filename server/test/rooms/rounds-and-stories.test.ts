import { LIMITS } from '@pokerroom/protocol';
import { describe, expect, it } from 'vitest';
import { toSnapshot } from '../../src/rooms/index.js';
import { fivePersonRoom } from './fixtures.js';

describe('votes', () => {
  it('refuses votes after the reveal, after the estimate, and for cards not in the deck', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    expect(room.code('a', { t: 'vote.cast', d: { card: '7' } })).toBe('invalid_card');
    room.ok('a', { t: 'vote.cast', d: { card: '5' } });
    room.ok('f', { t: 'round.reveal', d: {} });
    expect(room.code('a', { t: 'vote.retract', d: {} })).toBe('round_already_revealed');
    expect(room.code('f', { t: 'round.reveal', d: {} })).toBe('round_already_revealed');
    room.ok('f', { t: 'round.finalize', d: { estimate: '5' } });
    expect(room.code('a', { t: 'vote.cast', d: { card: '5' } })).toBe('no_active_round');
    expect(room.code('f', { t: 'round.nudge', d: {} })).toBe('no_active_round');
    expect(room.code('f', { t: 'round.reset', d: {} })).toBe('no_active_round');
  });

  it('retracts a vote before the reveal; a new vote then goes last', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('a', { t: 'vote.cast', d: { card: '5' } });
    room.ok('b', { t: 'vote.cast', d: { card: '5' } });
    expect(room.ok('a', { t: 'vote.retract', d: {} })).toEqual(['vote.retracted']);
    expect(room.ok('a', { t: 'vote.retract', d: {} })).toEqual([]);
    room.ok('a', { t: 'vote.cast', d: { card: '3' } });
    expect(room.state.round?.voted).toEqual(['b', 'a']);
    expect(room.ok('a', { t: 'vote.cast', d: { card: '3' } })).toEqual([]);
  });

  it('re-votes under a new round id starting now, the time spent so far going to the story', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'story.add', d: { title: 'Login' } });
    room.ok('f', { t: 'round.start', d: { storyId: 'story_1' } });
    const startedAt = room.state.round?.startedAt ?? 0;
    room.ok('a', { t: 'vote.cast', d: { card: '5' } });
    room.ok('f', { t: 'round.reveal', d: {} });
    room.advance(1000);
    expect(room.ok('f', { t: 'round.reset', d: {} })).toEqual(['story.updated', 'round.reset']);
    expect(room.state.round).toMatchObject({
      id: 'round_4', // round_1 opened the room, round_2 followed the queue, round_3 was started
      storyId: 'story_1',
      startedAt: startedAt + 1000,
      status: 'voting',
    });
    expect(room.state.stories[0]).toMatchObject({ status: 'active', timeSpentMs: 1000 });
    expect(room.state.round?.ballots.size).toBe(0);
    expect(toSnapshot(room.state).round).not.toHaveProperty('votes');
  });

  it('finalizes only a revealed round, with any estimate, and a round without story is fine', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    expect(room.code('f', { t: 'round.finalize', d: { estimate: 'big' } })).toBe('round_not_revealed');
    room.ok('f', { t: 'round.reveal', d: {} });
    expect(room.ok('f', { t: 'round.finalize', d: { estimate: 'big' } })).toEqual(['round.finalized']);
    expect(room.log.at(-1)?.d).toMatchObject({ storyId: null, estimate: 'big', durationMs: 0 });
  });

  it('sends a story back to the queue, with the time spent, when a new round replaces its round', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'story.import', d: { stories: [{ title: 'A' }, { title: 'B' }] } });
    expect(room.code('f', { t: 'round.start', d: { storyId: 'nope' } })).toBe('story_not_found');
    room.ok('f', { t: 'round.start', d: { storyId: 'story_1' } });
    room.advance(7_000);
    room.ok('f', { t: 'round.start', d: { storyId: 'story_2' } });
    expect(room.state.stories).toMatchObject([
      { status: 'pending', timeSpentMs: 7_000 },
      { status: 'active', timeSpentMs: 0 },
    ]);
    room.advance(3_000);
    room.ok('f', { t: 'round.start', d: { storyId: 'story_2' } });
    expect(room.state.stories[1]).toMatchObject({ status: 'active', timeSpentMs: 3_000 });
  });
});

describe('stories', () => {
  it('adds, updates, reorders and removes', () => {
    const room = fivePersonRoom();
    expect(room.send('f', { t: 'story.add', d: { title: 'A', url: 'https://x.test/1' } })).toMatchObject({
      result: { storyIds: ['story_1'] },
    });
    room.ok('f', { t: 'story.import', d: { stories: [{ title: 'B' }, { title: 'C', externalId: 'X-3' }] } });
    expect(room.ok('f', { t: 'story.update', d: { storyId: 'story_2', title: 'B2' } })).toEqual([
      'story.updated',
    ]);
    expect(room.ok('f', { t: 'story.update', d: { storyId: 'story_2', title: 'B2' } })).toEqual([]);
    expect(room.code('f', { t: 'story.update', d: { storyId: 'x', title: 'B2' } })).toBe('story_not_found');
    room.ok('f', { t: 'story.reorder', d: { storyIds: ['story_3', 'story_1', 'story_2'] } });
    expect(room.state.stories.map((s) => s.title)).toEqual(['C', 'A', 'B2']);
    for (const storyIds of [['story_3', 'story_1'], ['story_3', 'story_1', 'story_9'], []]) {
      expect(room.code('f', { t: 'story.reorder', d: { storyIds } })).toBe('invalid_payload');
    }
    room.ok('f', { t: 'story.remove', d: { storyId: 'story_1' } });
    expect(room.code('f', { t: 'story.remove', d: { storyId: 'story_1' } })).toBe('story_not_found');
    expect(room.state.stories.map((s) => s.id)).toEqual(['story_3', 'story_2']);
  });

  it('keeps the round of a removed story going, without a story', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'story.add', d: { title: 'A' } });
    room.ok('f', { t: 'round.start', d: { storyId: 'story_1' } });
    room.ok('a', { t: 'vote.cast', d: { card: '5' } });
    room.ok('f', { t: 'story.remove', d: { storyId: 'story_1' } });
    expect(room.state.round).toMatchObject({ storyId: null, status: 'voting', voted: ['a'] });
  });

  it('imports all or nothing at the story limit', () => {
    const room = fivePersonRoom();
    const hundred = Array.from({ length: 100 }, (_, i) => ({ title: `S${i}` }));
    for (let i = 0; i < LIMITS.maxStories / 100; i++)
      room.ok('f', { t: 'story.import', d: { stories: hundred } });
    expect(room.code('f', { t: 'story.add', d: { title: 'one more' } })).toBe('story_limit');
    room.ok('f', { t: 'story.remove', d: { storyId: 'story_1' } });
    expect(room.code('f', { t: 'story.import', d: { stories: [{ title: 'x' }, { title: 'y' }] } })).toBe(
      'story_limit',
    );
    expect(room.state.stories).toHaveLength(LIMITS.maxStories - 1);
  });
});
