import { TokenBucket } from '../rate-limits/token-bucket.js';

/** A rate limit: requests per second sustained, and the burst a key may spend at once. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/** The answer for one request: whether it may run, and what the RateLimit headers say. */
export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the bucket is full again. */
  readonly resetSeconds: number;
  /** Seconds until one request is allowed again (when refused). */
  readonly retryAfterSeconds: number;
}

/**
 * Token buckets per API key, in memory: each node limits what it serves, which keeps the hot path
 * free of I/O. Time comes from the caller so tests need no clock.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();

  take(keyId: string, limit: RateLimit, now: number): RateDecision {
    let bucket = this.#buckets.get(keyId);
    if (bucket === undefined) {
      if (this.#buckets.size > 50_000) this.#sweep(now);
      bucket = new TokenBucket(limit.burst, limit.perSecond, now);
      this.#buckets.set(keyId, bucket);
    } else {
      bucket.setLimit(limit.burst, limit.perSecond);
    }
    const allowed = bucket.take(now);
    return {
      allowed,
      limit: limit.burst,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil((limit.burst - bucket.tokens) / limit.perSecond),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond)),
    };
  }

  /** Forgets full buckets: they would start full again anyway. */
  #sweep(now: number): void {
    for (const [id, bucket] of this.#buckets) if (bucket.isFull(now)) this.#buckets.delete(id);
  }
}
