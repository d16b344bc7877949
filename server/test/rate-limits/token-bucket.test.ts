import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/api/rate-limit.js';
import { TokenBucket } from '../../src/rate-limits/token-bucket.js';

describe('the token bucket', () => {
  it('spends its burst, then refills at its rate and never above its capacity', () => {
    const bucket = new TokenBucket(3, 2, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    expect(bucket.isFull(500)).toBe(false);
    expect(bucket.isFull(2000)).toBe(true);
    expect(bucket.take(60_000)).toBe(true);
    expect(bucket.tokens).toBe(2);
  });

  it('ignores a clock that goes back', () => {
    const bucket = new TokenBucket(1, 1, 1000);
    expect(bucket.take(1000)).toBe(true);
    expect(bucket.take(0)).toBe(false);
  });

  it('takes a new limit from the next take on', () => {
    const bucket = new TokenBucket(10, 1, 0);
    bucket.setLimit(2, 1);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, false]);
  });
});

describe('the REST rate limiter', () => {
  it('answers what the RateLimit headers say: limit, remaining, reset and retry-after', () => {
    const limiter = new RateLimiter();
    const limit = { perSecond: 2, burst: 2 };
    expect(limiter.take('key_a', limit, 0)).toEqual({
      allowed: true,
      limit: 2,
      remaining: 1,
      resetSeconds: 1,
      retryAfterSeconds: 0,
    });
    limiter.take('key_a', limit, 0);
    expect(limiter.take('key_a', limit, 0)).toMatchObject({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 1,
    });
    // Keys are limited apart.
    expect(limiter.take('key_b', limit, 0).allowed).toBe(true);
  });
});
