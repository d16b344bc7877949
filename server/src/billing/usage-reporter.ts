import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import type { BillingConfig } from '../ops/config.js';
import type { Logger } from '../ops/logger.js';
import type { Metrics } from '../ops/metrics.js';
import { findBillingAccount, type PlanName } from '../storage/billing-accounts.js';
import { countOpenDiscrepancies, resolveDiscrepancy } from '../storage/billing-discrepancies.js';
import { CLUSTER_LOCKS, type WithClusterLock } from '../storage/cluster-lock.js';
import type { Sql } from '../storage/database.js';
import {
  closeWindows,
  dueWindows,
  markWindowFailed,
  markWindowSent,
  outboxLagSeconds,
  retryWindowLater,
  type UsageWindow,
  type WindowBilling,
} from '../storage/usage-windows.js';
import { PeriodicJob } from './periodic-job.js';
import { effectivePlan, type Plan } from './plans.js';
import { classifyStripeError, describeStripeError } from './stripe-client.js';

/** Windows sent per run at most; the rest wait for the next run. */
const SEND_BATCH = 200;
/** Retry delays grow from one second to this, doubling per attempt. */
const MAX_RETRY_DELAY_MS = 3_600_000;

/** What the reporter needs. */
export interface UsageReporterDeps {
  readonly sql: Sql;
  readonly stripe: Stripe | null;
  readonly config: BillingConfig;
  readonly plans: Readonly<Record<PlanName, Plan>>;
  readonly withLock: WithClusterLock;
  readonly metrics: Metrics;
  readonly log: Logger;
  readonly now?: () => number;
}

/** What one run did; `ran: false` when another node holds the lock. */
export interface ReportRun {
  readonly ran: boolean;
  readonly windowsClosed: number;
  readonly eventsSent: number;
  readonly eventsFailed: number;
}

/**
 * The meter event identifier of an account's window: derived from the account, the meter and
 * the window's start alone, so every resend of a window, from any node, after any crash, carries
 * the same identifier and Stripe counts it once.
 */
export function meterEventIdentifier(accountId: string, meterEventName: string, windowStart: Date): string {
  const meter = createHash('sha256').update(meterEventName).digest('hex').slice(0, 8);
  return `pr_${accountId}_${meter}_${Math.floor(windowStart.getTime() / 1000)}`;
}

/**
 * Reports monthly active participants to Stripe, exactly once per (account, window): closes the
 * windows that have ended (see {@link closeWindows}), then sends each pending window as one meter
 * event and marks it sent only after Stripe accepted it. A crash between the two resends the same
 * identifier, which Stripe ignores. Runs on one node of the cluster at a time.
 */
export class UsageReporter {
  readonly #job = new PeriodicJob(
    () => this.run(),
    (error: unknown) => this.deps.log.error({ err: error }, 'usage report failed'),
  );

  constructor(private readonly deps: UsageReporterDeps) {}

  /** Runs every `reportIntervalMs` until {@link stop}. */
  start(): void {
    this.#job.start(this.deps.config.reportIntervalMs);
  }

  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void> {
    return this.#job.stop();
  }

  /** Closes ended windows and sends what is due, now. */
  async run(): Promise<ReportRun> {
    const result = await this.deps.withLock(CLUSTER_LOCKS.usageReporter, async () => {
      const closed = await closeWindows(this.deps.sql, {
        now: new Date(this.#now()),
        windowSeconds: this.deps.config.windowSeconds,
        identifierOf: (accountId, start) =>
          meterEventIdentifier(accountId, this.deps.config.meterEventName, start),
        billingOf: (accountId) => this.#billingOf(accountId),
      });
      let sent = 0;
      let failed = 0;
      for (const window of await dueWindows(this.deps.sql, SEND_BATCH)) {
        if (await this.#send(window)) sent++;
        else failed++;
      }
      return { ran: true, windowsClosed: closed.length, eventsSent: sent, eventsFailed: failed };
    });
    await this.#refreshGauges();
    return result ?? { ran: false, windowsClosed: 0, eventsSent: 0, eventsFailed: 0 };
  }

  /**
   * Reads the outbox lag and the open discrepancies from storage on every run, lock or not, so that
   * every node's metrics show the cluster's figures, not the ones of the last run it happened to lead.
   */
  async #refreshGauges(): Promise<void> {
    const { sql, metrics } = this.deps;
    metrics.meterOutboxLag.set(await outboxLagSeconds(sql));
    metrics.discrepancies.set(await countOpenDiscrepancies(sql));
  }

  #now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** A window is sent only for an account on a metered plan, with a Stripe customer, when Stripe is configured. */
  async #billingOf(accountId: string): Promise<WindowBilling> {
    if (this.deps.stripe === null) return null;
    const account = await findBillingAccount(this.deps.sql, accountId);
    if (account?.stripeCustomerId == null) return null;
    const { plan } = effectivePlan(account, this.deps.plans, this.deps.config.pastDueGraceMs, this.#now());
    return plan.metered ? { customerId: account.stripeCustomerId } : null;
  }

  async #send(window: UsageWindow): Promise<boolean> {
    const { stripe, sql, metrics, log, config } = this.deps;
    if (stripe === null || window.stripeCustomerId === null) return false;
    try {
      await stripe.billing.meterEvents.create({
        event_name: config.meterEventName,
        identifier: window.identifier,
        // Inside the window, as Stripe aggregates by the event's timestamp.
        timestamp: Math.floor(window.windowStart.getTime() / 1000) + Math.floor(window.windowSeconds / 2),
        payload: { stripe_customer_id: window.stripeCustomerId, value: String(window.value) },
      });
    } catch (error) {
      const reason = describeStripeError(error);
      if (classifyStripeError(error) === 'retry') {
        const delay = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** Math.min(window.attempts, 22));
        await retryWindowLater(sql, window, reason, delay * (0.5 + Math.random() / 2));
        metrics.meterEvents.inc({ outcome: 'retry' });
        log.warn({ identifier: window.identifier, reason }, 'meter event not accepted yet; will retry');
      } else {
        const fresh = await markWindowFailed(sql, window, reason);
        if (fresh) metrics.discrepanciesFound.inc({ kind: 'meter_event_refused' });
        metrics.meterEvents.inc({ outcome: 'failed' });
        log.error({ identifier: window.identifier, reason }, 'meter event refused by Stripe');
      }
      return false;
    }
    await markWindowSent(sql, window);
    // A window refused before and sent again (after reconciliation) settles its discrepancy.
    if (window.attempts > 0)
      await resolveDiscrepancy(sql, window.accountId, 'meter_event_refused', window.identifier);
    metrics.meterEvents.inc({ outcome: 'sent' });
    return true;
  }
}
