/**
 * A token bucket: `capacity` at once, refilled at `perSecond`. Cheap enough to keep one per
 * participant or API key; time comes in from the caller so tests need no clock. Both the socket
 * limits and the REST API's are made of it.
 *
 * @example
 * ```ts
 * const bucket = new TokenBucket(40, 20, Date.now());
 * if (!bucket.take(Date.now())) refuse();
 * ```
 */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(
    private capacity: number,
    private perSecond: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#updatedAt = now;
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** The tokens left after the last {@link take} (a fraction while refilling). */
  get tokens(): number {
    return this.#tokens;
  }

  /** Changes the limit (an API key's can be edited); what the bucket holds is capped on the next take. */
  setLimit(capacity: number, perSecond: number): void {
    this.capacity = capacity;
    this.perSecond = perSecond;
  }

  /** Whether the bucket would be full at `now`: a full bucket can be forgotten and made anew. */
  isFull(now: number): boolean {
    return this.#tokens + (Math.max(0, now - this.#updatedAt) / 1000) * this.perSecond >= this.capacity;
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.capacity, this.#tokens + elapsed * this.perSecond);
    this.#updatedAt = now;
  }
}
