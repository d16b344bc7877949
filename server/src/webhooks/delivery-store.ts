/** A delivery a worker claimed: what it needs to send it. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly endpointId: string;
  readonly type: string;
  readonly data: unknown;
  readonly createdAt: Date;
  /** Attempts made before this one. */
  readonly attempts: number;
  readonly url: string;
  /** The current secret first, then the previous one while its grace period lasts. */
  readonly secrets: readonly string[];
}

/** How a failed attempt is recorded. */
export interface FailedAttempt {
  readonly id: string;
  /** The HTTP status the endpoint answered with; `null` when it did not answer. */
  readonly status: number | null;
  readonly error: string;
  /** Ms until the next attempt; `null` when this was the last attempt (the delivery fails). */
  readonly retryInMs: number | null;
  /** Deliveries in a row that gave up before the endpoint is disabled. */
  readonly disableAfterFailures: number;
  /** How long an endpoint may fail without a single success before it is disabled. */
  readonly disableAfterMs: number;
}

/**
 * What the delivery worker needs from storage: the outbox's claim and record steps. Storage
 * implements it (`webhookDeliveryStore`); the worker never sees SQL.
 */
export interface DeliveryStore {
  /** Claims up to `limit` due deliveries for `leaseMs` (see `claimDueDeliveries`). */
  claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  /** Records a delivery the endpoint accepted with `status`. */
  recordDelivered(id: string, status: number): Promise<void>;
  /** Records a failed attempt; `true` when the endpoint was disabled by it. */
  recordFailedAttempt(attempt: FailedAttempt): Promise<boolean>;
  /** Hands a claimed delivery back uncounted (an attempt cut short by shutdown). */
  release(id: string): Promise<void>;
}
