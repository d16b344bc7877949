import { describe, expect, it } from 'vitest';
import { fivePersonRoom } from './fixtures.js';

describe('auto-reveal', () => {
  it('reveals right after the last online voter votes', () => {
    const room = fivePersonRoom({ autoReveal: true });
    room.ok('f', { t: 'round.start', d: {} });
    for (const id of ['f', 'a', 'b'])
      expect(room.ok(id, { t: 'vote.cast', d: { card: '3' } })).toEqual(['vote.cast']);
    expect(room.ok('c', { t: 'vote.cast', d: { card: '5' } })).toEqual(['vote.cast', 'round.revealed']);
    expect(room.log.at(-1)).toMatchObject({ t: 'round.revealed', d: { auto: true } });
    expect(room.state.round?.status).toBe('revealed');
  });

  it('does not wait for the observer', () => {
    const room = fivePersonRoom({ autoReveal: true });
    room.ok('f', { t: 'round.start', d: {} });
    for (const id of ['f', 'a', 'b', 'c']) room.ok(id, { t: 'vote.cast', d: { card: '3' } });
    expect(room.state.round?.status).toBe('revealed');
  });

  it('is never blocked by offline or away voters who have not voted', () => {
    const room = fivePersonRoom({ autoReveal: true });
    room.run({ kind: 'presence', participantId: 'b', presence: 'offline' });
    room.run({ kind: 'presence', participantId: 'c', presence: 'away' });
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('f', { t: 'vote.cast', d: { card: '1' } });
    expect(room.ok('a', { t: 'vote.cast', d: { card: '2' } })).toEqual(['vote.cast', 'round.revealed']);
  });

  it('counts the vote of a voter who voted and then went offline', () => {
    const room = fivePersonRoom({ autoReveal: true });
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('b', { t: 'vote.cast', d: { card: '8' } });
    room.run({ kind: 'presence', participantId: 'b', presence: 'offline' });
    for (const id of ['f', 'a', 'c']) room.ok(id, { t: 'vote.cast', d: { card: '3' } });
    expect(room.state.round?.stats?.count).toBe(4);
  });

  it('reveals when the last voter who had not voted goes offline', () => {
    const room = fivePersonRoom({ autoReveal: true });
    room.ok('f', { t: 'round.start', d: {} });
    for (const id of ['f', 'a', 'b']) room.ok(id, { t: 'vote.cast', d: { card: '3' } });
    const decision = room.run({ kind: 'presence', participantId: 'c', presence: 'offline' });
    expect(decision.ok && decision.events.map((e) => e.t)).toEqual([
      'participant.presence',
      'round.revealed',
    ]);
  });

  it('reveals when the last voter who had not voted becomes an observer', () => {
    const room = fivePersonRoom({ autoReveal: true });
    room.ok('f', { t: 'round.start', d: {} });
    for (const id of ['f', 'a', 'b']) room.ok(id, { t: 'vote.cast', d: { card: '3' } });
    expect(room.ok('f', { t: 'participant.role', d: { participantId: 'c', role: 'observer' } })).toEqual([
      'participant.updated',
      'round.revealed',
    ]);
  });

  it('reveals when the last voter who had not voted is kicked', () => {
    const room = fivePersonRoom({ autoReveal: true });
    room.ok('f', { t: 'round.start', d: {} });
    for (const id of ['f', 'a', 'b']) room.ok(id, { t: 'vote.cast', d: { card: '3' } });
    expect(room.ok('f', { t: 'participant.kick', d: { participantId: 'c' } })).toEqual([
      'participant.left',
      'round.revealed',
    ]);
  });

  it('needs at least one vote', () => {
    const room = fivePersonRoom({ autoReveal: true });
    for (const id of ['f', 'a', 'b', 'c'])
      room.run({ kind: 'presence', participantId: id, presence: 'offline' });
    room.run({ kind: 'presence', participantId: 'f', presence: 'online' });
    room.ok('f', { t: 'round.start', d: {} });
    expect(room.state.round?.status).toBe('voting');
  });

  it('does not fire when the setting is off', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    for (const id of ['f', 'a', 'b', 'c']) room.ok(id, { t: 'vote.cast', d: { card: '3' } });
    expect(room.state.round?.status).toBe('voting');
  });

  it('fires when turned on while everyone online has voted', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    for (const id of ['f', 'a', 'b', 'c']) room.ok(id, { t: 'vote.cast', d: { card: '3' } });
    expect(room.ok('f', { t: 'room.update', d: { settings: { autoReveal: true } } })).toEqual([
      'room.updated',
      'round.revealed',
    ]);
  });

  it('still allows a manual reveal with no votes at all', () => {
    const room = fivePersonRoom({ autoReveal: true });
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('f', { t: 'round.reveal', d: {} });
    expect(room.state.round?.stats).toMatchObject({ count: 0, numericCount: 0, mean: null, agreement: 0 });
  });
});
