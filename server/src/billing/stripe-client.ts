import Stripe from 'stripe';
import type { BillingConfig } from '../ops/config.js';

/**
 * A stripe-node client for the configured key, pointed at `STRIPE_API_BASE` when set (stripe-mock
 * in tests). stripe-node's own retries are off: the reporter retries with its own backoff and
 * the same meter event identifier, and the REST routes answer at once.
 */
export function createStripe(config: BillingConfig): Stripe | null {
  if (config.stripeSecretKey === null) return null;
  const base = config.stripeApiBase === null ? null : new URL(config.stripeApiBase);
  return new Stripe(config.stripeSecretKey, {
    maxNetworkRetries: 0,
    timeout: config.stripeTimeoutMs,
    telemetry: false,
    ...(base === null
      ? {}
      : {
          host: base.hostname,
          port: base.port === '' ? (base.protocol === 'https:' ? 443 : 80) : Number(base.port),
          protocol: base.protocol === 'https:' ? 'https' : 'http',
        }),
  });
}

/** What a failed Stripe call means for whoever retries it. */
export type StripeFailure = 'retry' | 'final';

/**
 * Network errors, timeouts, 409 (a concurrent request with the same idempotency key), 429 and 5xx
 * may succeed later; any other answer (400, 401, 404…) will be the same however often it is sent.
 */
export function classifyStripeError(error: unknown): StripeFailure {
  if (!(error instanceof Stripe.errors.StripeError)) return 'retry';
  if (error instanceof Stripe.errors.StripeConnectionError) return 'retry';
  const status = error.statusCode;
  if (status === undefined) return 'retry';
  return status === 409 || status === 429 || status >= 500 ? 'retry' : 'final';
}

/** A short description of a Stripe error for logs and stored records: never the request's data. */
export function describeStripeError(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError) {
    return `${error.type}${error.statusCode === undefined ? '' : ` ${error.statusCode}`}: ${error.message}`.slice(
      0,
      500,
    );
  }
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
