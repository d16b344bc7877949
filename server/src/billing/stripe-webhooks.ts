import type Stripe from 'stripe';
import type { Logger } from '../ops/logger.js';
import type { Metrics } from '../ops/metrics.js';
import {
  applySubscription,
  findAccountByCustomer,
  findBillingAccount,
  isStripeEventProcessed,
  recordStripeEvent,
  storeStripeCustomer,
} from '../storage/billing-accounts.js';
import type { Sql } from '../storage/database.js';
import { describeStripeError } from './stripe-client.js';
import { idOf, retrieveSubscription } from './subscriptions.js';

/** What became of a webhook delivery. */
export type WebhookOutcome = 'processed' | 'replayed' | 'ignored';

/** The event types that move an account's plan. */
export const HANDLED_STRIPE_EVENTS = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
] as const;

/** Why a delivery was refused: its signature. */
export class StripeSignatureError extends Error {
  constructor(cause: unknown) {
    super('the Stripe-Signature header does not verify', { cause });
    this.name = 'StripeSignatureError';
  }
}

/**
 * Why a verified delivery was not applied: Stripe could not be read (the subscription as Stripe
 * holds it is what the account follows). Nothing was stored, so Stripe's redelivery applies it.
 */
export class StripeUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`Stripe could not be read: ${describeStripeError(cause)}`, { cause });
    this.name = 'StripeUnavailableError';
  }
}

/** What the webhook handler needs. */
export interface StripeWebhookDeps {
  readonly sql: Sql;
  readonly stripe: Stripe;
  readonly webhookSecret: string;
  readonly metrics: Metrics;
  readonly log: Logger;
}

/** Where an event points: the account (by id or by customer) and the subscription it concerns. */
interface Target {
  readonly accountId: string | null;
  readonly customerId: string | null;
  readonly subscriptionId: string | null;
}

function targetOf(event: Stripe.Event): Target | null {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      return {
        accountId: session.client_reference_id ?? session.metadata?.accountId ?? null,
        customerId: idOf(session.customer),
        subscriptionId: idOf(session.subscription),
      };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const subscription = event.data.object;
      return {
        accountId: subscription.metadata?.accountId ?? null,
        customerId: idOf(subscription.customer),
        subscriptionId: subscription.id,
      };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const subscription = invoice.parent?.subscription_details?.subscription ?? null;
      return { accountId: null, customerId: idOf(invoice.customer), subscriptionId: idOf(subscription) };
    }
    default:
      return null;
  }
}

/**
 * Verifies and applies one Stripe webhook delivery. The signature is checked over the raw body.
 * Each event id is applied once: the account's change and the event's record are stored in one
 * transaction, so a replay finds it and changes nothing. Order does not matter: whatever the
 * event says, the account follows its subscription as Stripe holds it now (retrieved), so a
 * `deleted` arriving before an `updated` still ends on Stripe's current state.
 *
 * @throws {@link StripeSignatureError} when the signature does not verify;
 *   {@link StripeUnavailableError} when Stripe could not be read; any error means nothing was
 *   stored and Stripe should deliver again.
 */
export async function handleStripeWebhook(
  deps: StripeWebhookDeps,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<{ outcome: WebhookOutcome; type: string }> {
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(rawBody, signature ?? '', deps.webhookSecret);
  } catch (error) {
    deps.metrics.stripeWebhooks.inc({ type: 'unknown', outcome: 'refused' });
    throw new StripeSignatureError(error);
  }
  const outcome = await apply(deps, event);
  deps.metrics.stripeWebhooks.inc({ type: event.type, outcome });
  return { outcome, type: event.type };
}

async function apply(deps: StripeWebhookDeps, event: Stripe.Event): Promise<WebhookOutcome> {
  const { sql, stripe, log } = deps;
  if (await isStripeEventProcessed(sql, event.id)) return 'replayed';
  const target = targetOf(event);
  const account =
    target === null
      ? null
      : target.accountId !== null
        ? await findBillingAccount(sql, target.accountId)
        : target.customerId === null
          ? null
          : await findAccountByCustomer(sql, target.customerId);
  if (target === null || account === null) {
    if (target !== null)
      log.warn({ eventId: event.id, type: event.type }, 'Stripe event for no known account');
    return (await recordStripeEvent(sql, event)) ? 'ignored' : 'replayed';
  }
  if (account.stripeCustomerId === null && target.customerId !== null) {
    await storeStripeCustomer(sql, account.id, target.customerId);
  }
  const subscriptionId = target.subscriptionId ?? account.stripeSubscriptionId;
  const current =
    subscriptionId === null
      ? null
      : await retrieveSubscription(stripe, subscriptionId).catch((error: unknown) => {
          throw new StripeUnavailableError(error);
        });
  // An event about an older subscription must not replace the one the account pays with now.
  const replaces =
    account.stripeSubscriptionId === null ||
    current?.id === account.stripeSubscriptionId ||
    (current !== null && ['active', 'trialing', 'past_due'].includes(current.status));
  if (!replaces) return (await recordStripeEvent(sql, event)) ? 'ignored' : 'replayed';
  return (await applySubscription(sql, account.id, current, event)) ? 'processed' : 'replayed';
}
