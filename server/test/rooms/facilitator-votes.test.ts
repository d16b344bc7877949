import { describe, expect, it } from 'vitest';
import { toSnapshot } from '../../src/rooms/index.js';
import { fivePersonRoom } from './fixtures.js';

describe('a facilitator who chooses not to vote', () => {
  it('never blocks auto-reveal: the voters alone reveal the round', () => {
    const room = fivePersonRoom({ autoReveal: true });
    expect(room.ok('f', { t: 'participant.votes', d: { votes: false } })).toEqual(['participant.updated']);
    room.ok('f', { t: 'round.start', d: {} });
    for (const id of ['a', 'b']) room.ok(id, { t: 'vote.cast', d: { card: '3' } });
    expect(room.ok('c', { t: 'vote.cast', d: { card: '5' } })).toEqual(['vote.cast', 'round.revealed']);
    expect(room.state.round?.stats?.count).toBe(3);
  });

  it('is not nudged by their own nudge', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'participant.votes', d: { votes: false } });
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('a', { t: 'vote.cast', d: { card: '3' } });
    const nudge = room.send('f', { t: 'round.nudge', d: {} });
    expect(nudge.ok && nudge.ephemeral).toEqual([
      { t: 'nudge', d: { from: 'f', participantIds: ['b', 'c'] } },
    ]);
  });

  it('takes back the vote they cast, and the round reveals if only they were missing', () => {
    const room = fivePersonRoom({ autoReveal: true });
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('f', { t: 'vote.cast', d: { card: '8' } });
    room.ok('a', { t: 'vote.cast', d: { card: '3' } });
    room.ok('b', { t: 'vote.cast', d: { card: '3' } });
    expect(room.ok('f', { t: 'participant.votes', d: { votes: false } })).toEqual([
      'vote.retracted',
      'participant.updated',
    ]);
    expect(room.ok('c', { t: 'vote.cast', d: { card: '3' } })).toEqual(['vote.cast', 'round.revealed']);
    expect(room.state.round?.stats?.count).toBe(3);
  });

  it('cannot vote until they switch voting on again, which is remembered for the room', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'participant.votes', d: { votes: false } });
    room.ok('f', { t: 'round.start', d: {} });
    expect(room.code('f', { t: 'vote.cast', d: { card: '5' } })).toBe('forbidden');
    expect(toSnapshot(room.state).participants.find((p) => p.id === 'f')).toMatchObject({ votes: false });
    // Offline and back: still not voting.
    room.run({ kind: 'presence', participantId: 'f', presence: 'offline' });
    room.run({ kind: 'presence', participantId: 'f', presence: 'online' });
    expect(room.participant('f')?.votes).toBe(false);
    expect(room.ok('f', { t: 'participant.votes', d: { votes: true } })).toEqual(['participant.updated']);
    expect(room.participant('f')?.votes).toBeUndefined();
    expect(room.ok('f', { t: 'vote.cast', d: { card: '5' } })).toEqual(['vote.cast']);
    // Choosing what is already so changes nothing.
    expect(room.ok('f', { t: 'participant.votes', d: { votes: true } })).toEqual([]);
  });

  it("is a facilitator's choice: voters and observers are refused, and a hand-over makes the former facilitator a voter who votes", () => {
    const room = fivePersonRoom();
    expect(room.code('a', { t: 'participant.votes', d: { votes: false } })).toBe('forbidden');
    expect(room.code('o', { t: 'participant.votes', d: { votes: true } })).toBe('forbidden');
    room.ok('f', { t: 'participant.votes', d: { votes: false } });
    expect(room.ok('f', { t: 'facilitator.transfer', d: { participantId: 'a' } })).toEqual([
      'facilitator.changed',
      'participant.updated',
      'participant.updated',
    ]);
    expect(room.participant('f')).toMatchObject({ role: 'voter' });
    expect(room.participant('f')?.votes).toBeUndefined();
    expect(room.participant('a')).toMatchObject({ role: 'facilitator' });
    expect(room.participant('a')?.votes).toBeUndefined();
  });
});
