import Stripe from 'stripe';
import type { SubscriptionState } from '../storage/billing-accounts.js';

const fromSeconds = (seconds: number | null | undefined) =>
  typeof seconds === 'number' ? new Date(seconds * 1000) : null;

/** The part of a Stripe subscription an account's plan follows. */
export function subscriptionState(subscription: Stripe.Subscription): SubscriptionState {
  // Since API version 2025-03-31 the billing period lives on the items; a metered plan has one.
  const item = subscription.items?.data?.[0];
  return {
    id: subscription.id,
    status: subscription.status,
    currentPeriodStart: fromSeconds(item?.current_period_start),
    currentPeriodEnd: fromSeconds(item?.current_period_end),
  };
}

/** A subscription as Stripe holds it now, or `null` when Stripe has no such subscription. */
export async function retrieveSubscription(stripe: Stripe, id: string): Promise<SubscriptionState | null> {
  try {
    return subscriptionState(await stripe.subscriptions.retrieve(id));
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return null;
    throw error;
  }
}

/** The id of an expandable Stripe field: a string, an object with an id, or nothing. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}
