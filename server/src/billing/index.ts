import type Stripe from 'stripe';
import type { BillingConfig } from '../ops/config.js';
import type { Logger } from '../ops/logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { PlanName } from '../storage/billing-accounts.js';
import { clusterLock } from '../storage/cluster-lock.js';
import type { Sql } from '../storage/database.js';
import { Checkout } from './checkout.js';
import { type Plan, planTable } from './plans.js';
import { Reconciler } from './reconciler.js';
import { createStripe } from './stripe-client.js';
import type { StripeWebhookDeps } from './stripe-webhooks.js';
import { UsageGate } from './usage-gate.js';
import { UsageReporter } from './usage-reporter.js';

/** Metering, plans and Stripe, as the rest of the server uses them. */
export interface Billing {
  readonly config: BillingConfig;
  readonly plans: Readonly<Record<PlanName, Plan>>;
  /** `null` without `STRIPE_SECRET_KEY`: usage is recorded, nothing is sent. */
  readonly stripe: Stripe | null;
  /** Checkout and the portal; `null` unless both the secret key and `STRIPE_PRICE_ID` are set. */
  readonly checkout: Checkout | null;
  /** What Stripe's webhooks need; `null` unless the secret key and `STRIPE_WEBHOOK_SECRET` are set. */
  readonly webhooks: StripeWebhookDeps | null;
  readonly gate: UsageGate;
  readonly reporter: UsageReporter;
  readonly reconciler: Reconciler;
  /** One line for the startup banner: what billing does on this deployment. */
  readonly status: string;
  start(): void;
  stop(): Promise<void>;
}

/** Wires metering and billing for one server. */
export function createBilling(deps: {
  sql: Sql;
  databaseKind: 'postgres' | 'embedded';
  config: BillingConfig;
  metrics: Metrics;
  log: Logger;
}): Billing {
  const { sql, config, metrics, log } = deps;
  const plans = planTable(config.freePlanLimit);
  const stripe = createStripe(config);
  const withLock = clusterLock(sql, deps.databaseKind);
  const reporter = new UsageReporter({ sql, stripe, config, plans, withLock, metrics, log });
  const reconciler = new Reconciler({ sql, stripe, config, withLock, metrics, log });
  const checkout =
    stripe === null || config.stripePriceId === null ? null : new Checkout(sql, stripe, config.stripePriceId);
  const webhooks =
    stripe === null || config.stripeWebhookSecret === null
      ? null
      : { sql, stripe, webhookSecret: config.stripeWebhookSecret, metrics, log };
  const missing = [
    config.stripeSecretKey === null ? 'STRIPE_SECRET_KEY' : null,
    config.stripePriceId === null ? 'STRIPE_PRICE_ID' : null,
    config.stripeWebhookSecret === null ? 'STRIPE_WEBHOOK_SECRET' : null,
  ].filter((name) => name !== null);
  return {
    config,
    plans,
    stripe,
    checkout,
    webhooks,
    gate: new UsageGate(sql, plans, config.pastDueGraceMs),
    reporter,
    reconciler,
    status:
      missing.length === 0
        ? `billing: Stripe (meter ${config.meterEventName})`
        : `billing: not configured (no ${missing.join(', ')}): usage is recorded, nothing is sent to Stripe`,
    start() {
      reporter.start();
      if (stripe !== null) reconciler.start();
    },
    async stop() {
      await reporter.stop();
      await reconciler.stop();
    },
  };
}
