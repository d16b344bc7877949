import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RECONNECT } from '../src/index.js';

describe('backoffDelay', () => {
  it('grows exponentially up to the ceiling, with full jitter', () => {
    const top = { ...DEFAULT_RECONNECT, random: () => 0.999_999 };
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(attempt, top))).toEqual([
      249, 499, 999, 1999, 3999, 7999, 9999, 9999,
    ]);
    const bottom = { ...DEFAULT_RECONNECT, random: () => 0 };
    expect(backoffDelay(5, bottom)).toBe(0);
    expect(backoffDelay(3, { ...DEFAULT_RECONNECT, random: () => 0.5 })).toBe(1000);
  });

  it('stays inside [0, ceiling) whatever the random source says', () => {
    for (const value of [-1, Number.NaN, 2, 0.3]) {
      const delay = backoffDelay(2, { ...DEFAULT_RECONNECT, random: () => value });
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(1000);
    }
  });

  it('spreads clients that dropped together', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const delays = Array.from({ length: 100 }, () => backoffDelay(4, { ...DEFAULT_RECONNECT, random }));
    expect(new Set(delays).size).toBeGreaterThan(90);
    expect(Math.max(...delays)).toBeLessThan(4000);
  });
});
