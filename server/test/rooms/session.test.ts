import { ROOM_EVENTS, RoomSnapshotSchema } from '@pokerroom/protocol';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { toPublicEvent, toSnapshot, voteOf } from '../../src/rooms/index.js';
import { fivePersonRoom } from './fixtures.js';

describe('a five-person session (facilitator, three voters, an observer)', () => {
  it('hides votes until the reveal, then estimates the story', () => {
    const room = fivePersonRoom();
    expect(room.state.participants.map((p) => [p.id, p.role])).toEqual([
      ['f', 'facilitator'],
      ['a', 'voter'],
      ['b', 'voter'],
      ['c', 'voter'],
      ['o', 'observer'],
    ]);

    const added = room.send('f', {
      t: 'story.import',
      d: { stories: [{ title: 'Login' }, { title: 'Search' }] },
    });
    expect(added).toMatchObject({ ok: true, result: { storyIds: ['story_1', 'story_2'] } });
    // Queued before the first vote: the room's open round moves onto the first story by itself.
    expect(added.ok && added.events.map((e) => e.t)).toEqual([
      'story.added',
      'story.updated',
      'round.started',
    ]);
    expect(room.state.stories[0]?.status).toBe('active');

    room.advance(10_000);
    room.ok('a', { t: 'vote.cast', d: { card: '3' } });
    room.ok('b', { t: 'vote.cast', d: { card: '5' } });
    room.ok('a', { t: 'vote.cast', d: { card: '5' } }); // a changes their mind; keeps first place
    room.ok('f', { t: 'vote.cast', d: { card: '8' } });
    expect(room.code('o', { t: 'vote.cast', d: { card: '1' } })).toBe('forbidden');

    // Nobody but the voter sees the card before the reveal.
    const snapshot = toSnapshot(room.state);
    expect(Value.Check(RoomSnapshotSchema, snapshot)).toBe(true);
    expect(snapshot.round).toEqual({
      id: 'round_2',
      storyId: 'story_1',
      status: 'voting',
      startedAt: 1_000_000,
      anonymous: false,
      voted: ['a', 'b', 'f'],
    });
    for (const event of room.log) {
      const pub = toPublicEvent(event, room.state);
      expect(Value.Check(ROOM_EVENTS[pub.t], pub.d)).toBe(true);
      if (event.t === 'vote.cast') expect(pub.d).toEqual({ participantId: event.d.participantId });
    }
    expect(voteOf(room.state, 'a')).toBe('5');
    expect(voteOf(room.state, 'c')).toBeNull();

    // The nudge reminds the one voter left, without storing anything.
    const nudge = room.send('f', { t: 'round.nudge', d: {} });
    expect(nudge).toEqual({
      ok: true,
      events: [],
      ephemeral: [{ t: 'nudge', d: { from: 'f', participantIds: ['c'] } }],
    });

    room.ok('c', { t: 'vote.cast', d: { card: '?' } });
    room.advance(20_000);
    expect(room.ok('f', { t: 'round.reveal', d: {} })).toEqual(['round.revealed']);
    expect(room.code('b', { t: 'vote.cast', d: { card: '8' } })).toBe('round_already_revealed');

    const revealed = toSnapshot(room.state).round;
    expect(revealed?.votes).toEqual([
      { participantId: 'a', card: '5' },
      { participantId: 'b', card: '5' },
      { participantId: 'f', card: '8' },
      { participantId: 'c', card: '?' },
    ]);
    expect(revealed?.stats).toMatchObject({
      count: 4,
      numericCount: 3,
      modes: ['5'],
      median: 5,
      suggestion: '5',
    });

    room.advance(5_000);
    expect(room.ok('f', { t: 'round.finalize', d: { estimate: '5' } })).toEqual([
      'round.finalized',
      'story.updated',
    ]);
    expect(room.log.at(-1)?.d).toMatchObject({
      story: { status: 'estimated', estimate: '5', timeSpentMs: 35_000 },
    });
    expect(room.state.stories[0]).toMatchObject({ status: 'estimated', estimate: '5', timeSpentMs: 35_000 });
    expect(toSnapshot(room.state).round).toMatchObject({ status: 'finalized', estimate: '5' });
    expect(room.code('f', { t: 'round.finalize', d: { estimate: '8' } })).toBe('no_active_round');

    // The next story: the finalized round is replaced, the estimated story stays estimated.
    room.ok('f', { t: 'round.start', d: { storyId: 'story_2' } });
    expect(room.state.stories.map((s) => s.status)).toEqual(['estimated', 'active']);
    expect(room.state.seq).toBe(room.log.length);
  });

  it('keeps a vote cast before a disconnect', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('a', { t: 'vote.cast', d: { card: '2' } });
    room.run({ kind: 'presence', participantId: 'a', presence: 'offline' });
    room.ok('f', { t: 'round.reveal', d: {} });
    expect(room.state.round?.stats?.count).toBe(1);
    expect(room.state.round?.votes).toEqual([{ participantId: 'a', card: '2' }]);
  });

  it('strips participant ids from anonymous reveals, in snapshots and events alike', () => {
    const room = fivePersonRoom({ anonymous: true });
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('c', { t: 'vote.cast', d: { card: '8' } });
    room.ok('a', { t: 'vote.cast', d: { card: '1' } });
    room.ok('f', { t: 'round.reveal', d: {} });
    const reveal = room.log.at(-1);
    if (reveal === undefined) throw new Error('no reveal');
    const pub = toPublicEvent(reveal, room.state);
    // Sorted by deck order, so the order of `voted` gives nothing away.
    expect(pub.d).toMatchObject({ votes: [{ card: '1' }, { card: '8' }] });
    expect(toSnapshot(room.state).round?.votes).toEqual([{ card: '1' }, { card: '8' }]);
    expect(toSnapshot(room.state).round?.voted).toEqual(['c', 'a']);
    // Without the room at hand, ids are stripped rather than risked.
    expect(toPublicEvent(reveal).d).toMatchObject({ votes: [{ card: '1' }, { card: '8' }] });
    expect(JSON.stringify(toPublicEvent(reveal))).not.toContain('participantId');
  });

  it('applies a new anonymous setting from the next round on', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('f', { t: 'room.update', d: { settings: { anonymous: true } } });
    expect(room.state.round?.anonymous).toBe(false);
    room.ok('f', { t: 'round.start', d: {} });
    expect(room.state.round?.anonymous).toBe(true);
  });
});
