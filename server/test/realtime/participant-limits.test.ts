import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONNECTION_LIMITS, PARTICIPANT_RATE, ParticipantLimits } from '../../src/realtime/rate-limit.js';

// A node's limits per participant, with the clock in the test's hands: what each connection
// keeps, and when a participant with no connection is forgotten.

const FORGET_AFTER_MS = (PARTICIPANT_RATE.capacity / PARTICIPANT_RATE.perSecond) * 1000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('participant limits', () => {
  it("hands every connection of a participant the same bucket, and another participant's their own", () => {
    const limits = new ParticipantLimits();
    const first = limits.open('room_1/p_1', 0);
    const second = limits.open('room_1/p_1', 0);
    const other = limits.open('room_2/p_1', 0);
    expect(typeof first).toBe('object');
    expect(second).toBe(first);
    expect(other).not.toBe(first);
    expect(limits.size).toBe(2);
  });

  it('keeps a bucket through a reconnect and forgets it once it would have refilled', () => {
    const limits = new ParticipantLimits();
    const limit = limits.open('room_1/p_1', 0);
    if (typeof limit === 'string') throw new Error(limit);
    for (let i = 0; i < PARTICIPANT_RATE.capacity; i++) expect(limit.take(0)).toBe(true);
    limits.close(limit);
    vi.advanceTimersByTime(FORGET_AFTER_MS - 1);
    // Reconnecting costs one token, from the same (empty) bucket: refused.
    expect(limits.open('room_1/p_1', 0)).toBe('rate_limited');
    vi.advanceTimersByTime(FORGET_AFTER_MS);
    expect(limits.size).toBe(0);
  });

  it('forgets a participant refused with none open, as one that closed', () => {
    const limits = new ParticipantLimits();
    const limit = limits.open('room_1/p_1', 0);
    if (typeof limit === 'string') throw new Error(limit);
    while (limit.take(0));
    limits.close(limit);
    expect(limits.open('room_1/p_1', 0)).toBe('rate_limited');
    vi.advanceTimersByTime(FORGET_AFTER_MS);
    expect(limits.size).toBe(0);
  });

  it('refuses a connection past the limit of open ones', () => {
    const limits = new ParticipantLimits();
    for (let i = 0; i < CONNECTION_LIMITS.perParticipant; i++)
      expect(typeof limits.open('room_1/p_1', i * 1000)).toBe('object');
    expect(limits.open('room_1/p_1', 100_000)).toBe('too_many_connections');
  });
});
