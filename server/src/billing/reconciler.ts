import type Stripe from 'stripe';
import type { BillingConfig } from '../ops/config.js';
import type { Logger } from '../ops/logger.js';
import type { Metrics } from '../ops/metrics.js';
import { applySubscription, listCustomerAccounts } from '../storage/billing-accounts.js';
import {
  countOpenDiscrepancies,
  type DiscrepancyKind,
  recordDiscrepancy,
  resolveDiscrepancy,
} from '../storage/billing-discrepancies.js';
import { CLUSTER_LOCKS, type WithClusterLock } from '../storage/cluster-lock.js';
import type { Sql } from '../storage/database.js';
import { requeueFailedWindows, sentPerDay } from '../storage/usage-windows.js';
import { PeriodicJob } from './periodic-job.js';
import { describeStripeError } from './stripe-client.js';
import { retrieveSubscription } from './subscriptions.js';

/** How far back reconciliation compares usage: Stripe accepts meter events up to 35 days old. */
const LOOKBACK_DAYS = 35;
const DAY_MS = 86_400_000;

/** What reconciliation needs. */
export interface ReconcilerDeps {
  readonly sql: Sql;
  readonly stripe: Stripe | null;
  readonly config: BillingConfig;
  readonly withLock: WithClusterLock;
  readonly metrics: Metrics;
  readonly log: Logger;
  readonly now?: () => number;
}

/** What one reconciliation run found. */
export interface ReconcileRun {
  readonly ran: boolean;
  readonly discrepancies: number;
  readonly requeued: number;
}

/**
 * Compares what we reported with what Stripe counted (meter event summaries per customer and UTC
 * day), and each account's plan with its subscription as Stripe holds it. Differences are stored
 * (one open record per subject, resolved when a later run finds both sides equal), counted in a
 * metric and logged; failed windows are put back to be sent again with their own identifiers.
 */
export class Reconciler {
  readonly #job = new PeriodicJob(
    () => this.run(),
    (error: unknown) => this.deps.log.error({ err: error }, 'reconciliation failed'),
  );
  #meterId: string | null;

  constructor(private readonly deps: ReconcilerDeps) {
    this.#meterId = deps.config.meterId;
  }

  /** Runs every `reconcileIntervalMs` until {@link stop}. */
  start(): void {
    this.#job.start(this.deps.config.reconcileIntervalMs);
  }

  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void> {
    return this.#job.stop();
  }

  /** Reconciles now. */
  async run(): Promise<ReconcileRun> {
    const { stripe, sql, metrics } = this.deps;
    if (stripe === null) return { ran: false, discrepancies: 0, requeued: 0 };
    const result = await this.deps.withLock(CLUSTER_LOCKS.reconciliation, async () => {
      let requeued = 0;
      for (const account of await listCustomerAccounts(sql)) {
        await this.#comparePlan(stripe, account.id, account.stripeSubscriptionId, account.subscriptionStatus);
        requeued += await requeueFailedWindows(sql, account.id);
      }
      await this.#compareUsage(stripe);
      const open = await countOpenDiscrepancies(sql);
      metrics.discrepancies.set(open);
      return { ran: true, discrepancies: open, requeued };
    });
    return result ?? { ran: false, discrepancies: 0, requeued: 0 };
  }

  async #comparePlan(
    stripe: Stripe,
    accountId: string,
    subscriptionId: string | null,
    storedStatus: string | null,
  ): Promise<void> {
    if (subscriptionId === null) return;
    const current = await retrieveSubscription(stripe, subscriptionId);
    const actual = current?.status ?? 'missing';
    if (actual === storedStatus) {
      await resolveDiscrepancy(this.deps.sql, accountId, 'plan_mismatch', subscriptionId);
      return;
    }
    await this.#found(accountId, 'plan_mismatch', subscriptionId, storedStatus, actual, {
      detail: `we held the subscription as ${storedStatus ?? 'none'}, Stripe holds it as ${actual}; the account now follows Stripe`,
    });
    // Stripe is the record of what the customer pays for: the plan follows it from now on.
    await applySubscription(this.deps.sql, accountId, current, null);
  }

  async #compareUsage(stripe: Stripe): Promise<void> {
    const meterId = await this.#findMeterId(stripe);
    if (meterId === null) return;
    const now = (this.deps.now ?? Date.now)();
    const since = new Date(Math.floor(now / DAY_MS) * DAY_MS - LOOKBACK_DAYS * DAY_MS);
    for (const day of await sentPerDay(this.deps.sql, since)) {
      const start = Math.floor(day.day.getTime() / 1000);
      let counted = 0;
      try {
        const summaries = await stripe.billing.meters.listEventSummaries(meterId, {
          customer: day.customerId,
          start_time: start,
          end_time: start + DAY_MS / 1000,
          value_grouping_window: 'day',
          limit: 100,
        });
        for (const summary of summaries.data) counted += summary.aggregated_value;
      } catch (error) {
        this.deps.log.warn({ reason: describeStripeError(error) }, 'could not read meter event summaries');
        continue;
      }
      const subject = day.day.toISOString().slice(0, 10);
      if (counted === day.value) {
        await resolveDiscrepancy(this.deps.sql, day.accountId, 'usage_mismatch', subject);
        continue;
      }
      await this.#found(day.accountId, 'usage_mismatch', subject, String(day.value), String(counted), {
        detail: `we reported ${day.value} active participants for ${subject}, Stripe counted ${counted}`,
      });
    }
  }

  async #found(
    accountId: string,
    kind: DiscrepancyKind,
    subject: string,
    expected: string | null,
    actual: string | null,
    extra: { detail: string },
  ): Promise<void> {
    const fresh = await recordDiscrepancy(this.deps.sql, {
      accountId,
      kind,
      subject,
      expected,
      actual,
      detail: extra.detail,
    });
    if (fresh) {
      this.deps.metrics.discrepanciesFound.inc({ kind });
      this.deps.log.warn({ accountId, kind, subject, expected, actual }, 'billing discrepancy');
    }
  }

  /** The meter to read summaries of: configured, or the one the metered price is on. */
  async #findMeterId(stripe: Stripe): Promise<string | null> {
    if (this.#meterId !== null) return this.#meterId;
    const priceId = this.deps.config.stripePriceId;
    if (priceId === null) return null;
    try {
      const price = await stripe.prices.retrieve(priceId);
      this.#meterId = price.recurring?.meter ?? null;
    } catch (error) {
      this.deps.log.warn({ reason: describeStripeError(error) }, 'could not read the metered price');
    }
    if (this.#meterId === null)
      this.deps.log.warn(
        'usage reconciliation skipped: set STRIPE_METER_ID (npm run billing:setup prints it)',
      );
    return this.#meterId;
  }
}
