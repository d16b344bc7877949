import { DEFAULT_DECK, DEFAULT_SETTINGS } from '@pokerroom/protocol';
import { describe, expect, it } from 'vitest';
import { createRoom, type DomainEvent, evolve, openingEvents, toSnapshot } from '../../src/rooms/index.js';
import { TestRoom, testContext } from './fixtures.js';

describe('a room is ready to vote the moment it exists', () => {
  it('starts its log with the settings and an open round without a story', () => {
    const { ctx } = testContext();
    const init = { id: 'room_1', name: 'Sprint 12', deck: DEFAULT_DECK, settings: DEFAULT_SETTINGS };
    const events = openingEvents(init, ctx);
    expect(events.map((e) => e.t)).toEqual(['room.updated', 'round.started']);
    const room = events.reduce(evolve, createRoom({ id: 'room_1', name: '' }));
    expect(room.name).toBe('Sprint 12');
    expect(toSnapshot(room).round).toMatchObject({
      id: 'round_1',
      storyId: null,
      status: 'voting',
      voted: [],
    });
  });

  it('starts no countdown for its opening round, even in a room that times its rounds', () => {
    const { ctx } = testContext();
    const settings = { ...DEFAULT_SETTINGS, roundTimerSeconds: 60 };
    const events = openingEvents({ id: 'room_1', name: 'Timed', deck: DEFAULT_DECK, settings }, ctx);
    expect(events.map((e) => e.t)).toEqual(['room.updated', 'round.started']);
  });

  it('lets a voter alone vote as soon as they join, with no facilitator anywhere', () => {
    const room = new TestRoom();
    expect(room.join('a', 'voter', 'Ann')).toMatchObject({ ok: true });
    expect(room.state.round).toMatchObject({ status: 'voting', storyId: null });
    expect(room.ok('a', { t: 'vote.cast', d: { card: '5' } })).toEqual(['vote.cast']);
    expect(room.state.round?.voted).toEqual(['a']);
  });

  it('opens a round for a room that has none before deciding the command, in the same decision', () => {
    const room = new TestRoom();
    const joined = room.join('a', 'voter', 'Ann');
    expect(joined.ok && joined.events.map((e) => e.t)).toEqual(['round.started', 'participant.joined']);
    // The room after each of the two, the opening round's included, as the host would fold them.
    const afterOpening = joined.ok ? evolve(room.initial, joined.events[0] as DomainEvent) : null;
    expect(joined.ok && joined.states).toEqual([afterOpening, room.state]);
    // Once it has a round, joining is joining again.
    const second = room.join('b', 'voter', 'Bob');
    expect(second.ok && second.events.map((e) => e.t)).toEqual(['participant.joined']);
  });

  it('puts the round on the first story when stories are queued before anyone joined', () => {
    const room = new TestRoom();
    room.run({
      kind: 'integration',
      command: { t: 'story.import', d: { stories: [{ title: 'Login' }, { title: 'Search' }] } },
    });
    expect(room.state.round).toMatchObject({ status: 'voting', storyId: 'story_1' });
    expect(room.state.stories.map((s) => s.status)).toEqual(['active', 'pending']);
    room.join('a', 'voter');
    expect(room.ok('a', { t: 'vote.cast', d: { card: '3' } })).toEqual(['vote.cast']);
  });

  it('moves the untouched opening round onto the first story queued before the first vote', () => {
    const room = new TestRoom();
    room.join('f', 'facilitator');
    room.join('a', 'voter');
    const opening = room.state.round?.id;
    expect(room.ok('f', { t: 'story.add', d: { title: 'Login' } })).toEqual([
      'story.added',
      'story.updated',
      'round.started',
    ]);
    expect(room.state.round?.id).not.toBe(opening);
    expect(room.state.round).toMatchObject({ storyId: 'story_1', status: 'voting' });
    // A second story queued leaves the round where it is: it is no longer without a story.
    expect(room.ok('f', { t: 'story.add', d: { title: 'Search' } })).toEqual(['story.added']);
  });

  it('leaves rounds to the facilitator after the first vote', () => {
    const room = new TestRoom();
    room.join('f', 'facilitator');
    room.join('a', 'voter');
    room.ok('a', { t: 'vote.cast', d: { card: '5' } });
    room.ok('a', { t: 'vote.retract', d: {} });
    // Even with no ballot left, a vote happened: the storyless round is someone's work now.
    expect(room.ok('f', { t: 'story.add', d: { title: 'Login' } })).toEqual(['story.added']);
    expect(room.state.round?.storyId).toBeNull();
  });

  it('does not reopen a finalized round, and opens nothing in a room being closed', () => {
    const room = new TestRoom();
    room.join('f', 'facilitator');
    room.ok('f', { t: 'round.reveal', d: {} });
    room.ok('f', { t: 'round.finalize', d: { estimate: '5' } });
    room.join('a', 'voter');
    expect(room.state.round?.status).toBe('finalized');

    const empty = new TestRoom();
    const closed = empty.run({ kind: 'close' });
    expect(closed.ok && closed.events.map((e) => e.t)).toEqual(['room.closed']);
    expect(empty.state.round).toBeNull();
  });

  it('still lets the facilitator replace the opening round: what they do is unchanged', () => {
    const room = new TestRoom({ roundTimerSeconds: 30 });
    room.join('f', 'facilitator');
    room.ok('f', { t: 'story.add', d: { title: 'Login' } });
    room.ok('f', { t: 'story.add', d: { title: 'Search' } });
    expect(room.ok('f', { t: 'round.start', d: { storyId: 'story_2' } })).toEqual([
      'story.updated',
      'story.updated',
      'round.started',
      'timer.started',
    ]);
    expect(room.state.stories.map((s) => s.status)).toEqual(['pending', 'active']);
  });
});
