/** How the SDK reconnects. Every field is optional in {@link ConnectOptions}. */
export interface ReconnectPolicy {
  /** Connection attempts in a row that may fail (no welcome) before the SDK gives up. Default 10; `Infinity` never gives up. */
  readonly maxAttempts: number;
  /** The backoff ceiling of the first retry, in ms. Default 250. */
  readonly initialDelayMs: number;
  /** The largest backoff ceiling, in ms. Default 10 000. */
  readonly maxDelayMs: number;
  /** How much the ceiling grows per failed attempt. Default 2. */
  readonly factor: number;
  /** A random number in [0, 1); inject one to make delays deterministic in tests. Default `Math.random`. */
  readonly random: () => number;
}

/** The reconnection defaults. */
export const DEFAULT_RECONNECT: ReconnectPolicy = {
  maxAttempts: 10,
  initialDelayMs: 250,
  maxDelayMs: 10_000,
  factor: 2,
  random: Math.random,
};

/**
 * The delay before reconnection attempt `attempt` (0 for the first retry): exponential backoff
 * with full jitter, a uniform pick in `[0, min(maxDelayMs, initialDelayMs × factor^attempt)]`, so
 * that clients dropped together don't come back together.
 *
 * @example
 * ```ts
 * backoffDelay(3, { ...DEFAULT_RECONNECT, random: () => 0.5 }); // 1000: half of 250 × 2³
 * ```
 */
export function backoffDelay(attempt: number, policy: ReconnectPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** Math.max(0, attempt));
  const random = policy.random();
  const pick = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1) : 0;
  return Math.floor(pick * ceiling);
}
