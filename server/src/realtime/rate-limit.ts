/**
 * A token bucket: `capacity` commands at once, refilled at `perSecond`. Cheap enough to keep one
 * per connection; time comes in from the caller so tests need no clock.
 */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#updatedAt = now;
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.capacity, this.#tokens + elapsed * this.perSecond);
    this.#updatedAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** Per-connection limits: a burst of 40 commands, 20 a second sustained; past 50 refusals in a row, close. */
export const CONNECTION_RATE = { capacity: 40, perSecond: 20, refusalsBeforeClose: 50 } as const;
