import { describe, expect, it } from 'vitest';
import { nextDeadline } from '../../src/rooms/index.js';
import { fivePersonRoom, GRACE_MS, TestRoom } from './fixtures.js';

const tick = (room: TestRoom) => {
  const decision = room.run({ kind: 'tick' });
  return decision.ok ? decision.events.map((e) => e.t) : [decision.code];
};

describe('the round timer', () => {
  it('starts with each round when the room times its rounds, and reveals at zero', () => {
    const room = fivePersonRoom({ roundTimerSeconds: 30 });
    expect(room.ok('f', { t: 'round.start', d: {} })).toEqual(['round.started', 'timer.started']);
    expect(room.state.timer).toEqual({ startedAt: 1_000_000, endsAt: 1_030_000, seconds: 30 });
    expect(nextDeadline(room.state, GRACE_MS)).toBe(1_030_000);
    room.ok('a', { t: 'vote.cast', d: { card: '5' } });

    room.advance(29_999);
    expect(tick(room)).toEqual([]);
    room.advance(1);
    expect(tick(room)).toEqual(['timer.stopped', 'round.revealed']);
    expect(room.log.slice(-2).map((e) => e.d)).toMatchObject([{ reason: 'expired' }, { auto: true }]);
    expect(room.state.timer).toBeNull();
    expect(nextDeadline(room.state, GRACE_MS)).toBeNull();
  });

  it('stops when the round is revealed, so nothing happens at zero', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('f', { t: 'timer.start', d: { seconds: 10 } });
    expect(room.ok('f', { t: 'round.reveal', d: {} })).toEqual(['round.revealed', 'timer.stopped']);
    expect(room.log.at(-1)?.d).toEqual({ reason: 'round-ended' });
    expect(room.state.timer).toBeNull();
    room.advance(10_000);
    expect(tick(room)).toEqual([]);
  });

  it('stops when the round is reset in a room that does not time its rounds', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('f', { t: 'timer.start', d: { seconds: 10 } });
    expect(room.ok('f', { t: 'round.reset', d: {} })).toEqual(['round.reset', 'timer.stopped']);
    expect(room.state.timer).toBeNull();
  });

  it('stops by hand, and stopping no timer does nothing', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('f', { t: 'timer.start', d: { seconds: 10 } });
    expect(room.ok('f', { t: 'timer.stop', d: {} })).toEqual(['timer.stopped']);
    expect(room.log.at(-1)?.d).toEqual({ reason: 'stopped' });
    expect(room.ok('f', { t: 'timer.stop', d: {} })).toEqual([]);
  });

  it('stops with round-ended when the round is replaced, and is off once the round is finalized', () => {
    const room = fivePersonRoom({ roundTimerSeconds: 60 });
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('f', { t: 'round.reveal', d: {} });
    expect(room.ok('f', { t: 'round.finalize', d: { estimate: '3' } })).toEqual(['round.finalized']);
    expect(room.state.timer).toBeNull();
    room.ok('f', { t: 'round.start', d: {} });
    expect(room.ok('f', { t: 'round.start', d: {} })).toEqual([
      'timer.stopped',
      'round.started',
      'timer.started',
    ]);
  });
});

describe('facilitator hand-over', () => {
  it('hands over to the online voter who joined first once the grace period is over', () => {
    const room = fivePersonRoom();
    room.run({ kind: 'presence', participantId: 'a', presence: 'offline' });
    room.advance(1_000);
    room.run({ kind: 'presence', participantId: 'f', presence: 'away' });
    expect(room.state.facilitatorAbsentSince).toBe(1_001_000);
    expect(nextDeadline(room.state, GRACE_MS)).toBe(1_001_000 + GRACE_MS);

    room.advance(GRACE_MS - 1);
    expect(tick(room)).toEqual([]);
    room.advance(1);
    expect(tick(room)).toEqual(['facilitator.changed', 'participant.updated', 'participant.updated']);
    expect(room.log.at(-3)?.d).toEqual({ from: 'f', to: 'b', reason: 'absent' });
    expect(room.participant('b')?.role).toBe('facilitator');
    expect(room.participant('f')?.role).toBe('voter');
    expect(room.state.facilitatorAbsentSince).toBeNull();
    expect(nextDeadline(room.state, GRACE_MS)).toBeNull();
  });

  it('forgets the absence when a facilitator comes back in time', () => {
    const room = fivePersonRoom();
    room.run({ kind: 'presence', participantId: 'f', presence: 'offline' });
    room.advance(GRACE_MS / 2);
    room.run({ kind: 'join', participant: { id: 'f', name: 'Fay', role: 'facilitator' } });
    room.advance(GRACE_MS);
    expect(tick(room)).toEqual([]);
    expect(room.participant('f')?.role).toBe('facilitator');
  });

  it('waits while only observers are online, and starts over once nobody is left waiting', () => {
    const room = fivePersonRoom();
    for (const id of ['a', 'b', 'c', 'f'])
      room.run({ kind: 'presence', participantId: id, presence: 'offline' });
    expect(room.state.facilitatorAbsentSince).toBe(1_000_000);
    expect(nextDeadline(room.state, GRACE_MS)).toBeNull(); // nobody could take over
    room.run({ kind: 'presence', participantId: 'o', presence: 'offline' });
    expect(room.state.facilitatorAbsentSince).toBeNull(); // nobody is waiting
    room.advance(5 * GRACE_MS);
    room.run({ kind: 'presence', participantId: 'c', presence: 'online' });
    expect(room.state.facilitatorAbsentSince).toBe(1_000_000 + 5 * GRACE_MS);
    room.advance(GRACE_MS);
    expect(tick(room)).toEqual(['facilitator.changed', 'participant.updated', 'participant.updated']);
  });

  it('demotes every absent co-facilitator', () => {
    const room = fivePersonRoom();
    room.join('g', 'facilitator', 'Gus');
    room.run({ kind: 'presence', participantId: 'f', presence: 'offline' });
    room.run({ kind: 'presence', participantId: 'g', presence: 'offline' });
    room.advance(GRACE_MS);
    expect(tick(room)).toEqual([
      'facilitator.changed',
      'participant.updated',
      'participant.updated',
      'participant.updated',
    ]);
    expect(room.state.participants.map((p) => p.role)).toEqual([
      'voter',
      'facilitator',
      'voter',
      'voter',
      'observer',
      'voter',
    ]);
  });

  it('gives a room whose facilitator never came to the first voter', () => {
    const room = new TestRoom();
    room.join('v1', 'voter');
    room.join('v2', 'voter');
    room.advance(GRACE_MS);
    expect(tick(room)).toEqual(['facilitator.changed', 'participant.updated']);
    expect(room.log.at(-2)?.d).toEqual({ from: null, to: 'v1', reason: 'absent' });
  });

  it('schedules the earliest of timer end and grace end', () => {
    const room = fivePersonRoom({ roundTimerSeconds: 3600 });
    room.ok('f', { t: 'round.start', d: {} });
    room.run({ kind: 'presence', participantId: 'f', presence: 'offline' });
    expect(nextDeadline(room.state, GRACE_MS)).toBe(1_000_000 + GRACE_MS);
    expect(nextDeadline(room.state, 2 * 3600 * 1000)).toBe(1_000_000 + 3600 * 1000);
  });
});

describe('a facilitator who comes back after the hand-over', () => {
  function handedOver() {
    const room = fivePersonRoom();
    room.run({ kind: 'presence', participantId: 'f', presence: 'offline' });
    room.advance(GRACE_MS);
    expect(tick(room)).toEqual(['facilitator.changed', 'participant.updated', 'participant.updated']);
    expect(room.participant('a')?.role).toBe('facilitator');
    return room;
  }

  it('is the facilitator again at once; the stand-in votes again', () => {
    const room = handedOver();
    const back = room.run({ kind: 'join', participant: { id: 'f', name: 'Fay', role: 'facilitator' } });
    expect(back.ok && back.events.map((e) => e.t)).toEqual([
      'participant.presence',
      'facilitator.changed',
      'participant.updated',
      'participant.updated',
    ]);
    expect(room.log.at(-3)?.d).toEqual({ from: 'a', to: 'f', reason: 'transfer' });
    expect(room.participant('f')?.role).toBe('facilitator');
    expect(room.participant('a')?.role).toBe('voter');
    expect(room.state.absentFacilitator).toBeNull();
  });

  it('stays a voter when the role was handed on by hand meanwhile, or their token says voter', () => {
    const byHand = handedOver();
    byHand.ok('a', { t: 'facilitator.transfer', d: { participantId: 'b' } });
    byHand.run({ kind: 'join', participant: { id: 'f', name: 'Fay', role: 'facilitator' } });
    expect(byHand.participant('f')?.role).toBe('voter');
    expect(byHand.participant('b')?.role).toBe('facilitator');

    const demoted = handedOver();
    demoted.run({ kind: 'join', participant: { id: 'f', name: 'Fay', role: 'voter' } });
    expect(demoted.participant('f')?.role).toBe('voter');

    const madeObserver = handedOver();
    madeObserver.ok('a', { t: 'participant.role', d: { participantId: 'f', role: 'observer' } });
    madeObserver.run({ kind: 'join', participant: { id: 'f', name: 'Fay', role: 'facilitator' } });
    expect(madeObserver.participant('f')?.role).toBe('observer');
  });
});
