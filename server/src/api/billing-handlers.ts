import type { Static } from '@sinclair/typebox';
import type { Billing } from '../billing/index.js';
import { describeStripeError } from '../billing/stripe-client.js';
import { HttpProblem } from '../http/request-reply.js';
import type { AuthenticatedKey } from '../storage/api-keys.js';
import { type BillingAccount, findBillingAccount } from '../storage/billing-accounts.js';
import type { Sql } from '../storage/database.js';
import type { CheckoutBody, PortalBody } from './billing-schemas.js';
import { billingSummary } from './billing-summary.js';
import type { Handler, RestDeps } from './handler.js';

/** The account's billing: its plan and usage, Checkout to subscribe, the portal to manage it. */
export function billingHandlers(deps: RestDeps) {
  const { sql, billing, log } = deps;

  const getBilling: Handler = async ({ key }) => {
    if (billing.stripe === null) throw new HttpProblem('billing_not_configured');
    const account = await accountOf(sql, key);
    const now = Date.now();
    return {
      status: 200,
      body: await billingSummary(sql, account, billing.plans, billing.config.pastDueGraceMs, now),
    };
  };

  const createCheckout: Handler = async ({ key, body }) => {
    const checkout = checkoutOf(billing);
    requireLive(key);
    const input = body as Static<typeof CheckoutBody>;
    checkUrl('successUrl', input.successUrl);
    checkUrl('cancelUrl', input.cancelUrl);
    const account = await accountOf(sql, key);
    const url = await fromStripe(log, () => checkout.checkoutUrl(account, input));
    return { status: 201, body: { url } };
  };

  const createPortal: Handler = async ({ key, body }) => {
    const checkout = checkoutOf(billing);
    requireLive(key);
    const input = body as Static<typeof PortalBody>;
    checkUrl('returnUrl', input.returnUrl);
    const account = await accountOf(sql, key);
    const url = await fromStripe(log, () => checkout.portalUrl(account, input.returnUrl));
    return { status: 201, body: { url } };
  };

  return { getBilling, createCheckout, createPortal };
}

function checkoutOf(billing: Billing) {
  if (billing.checkout === null) throw new HttpProblem('billing_not_configured');
  return billing.checkout;
}

/** A return URL must be one a browser can go to: Stripe refuses the session otherwise. */
function checkUrl(field: string, value: string): void {
  if (!URL.canParse(value)) throw new HttpProblem('invalid_request', `${field}: is not an absolute URL`);
}

/** Test mode is free: only a live key subscribes or manages payment. */
function requireLive(key: AuthenticatedKey): void {
  if (key.mode !== 'live') throw new HttpProblem('live_key_required');
}

async function accountOf(sql: Sql, key: AuthenticatedKey): Promise<BillingAccount> {
  const account = await findBillingAccount(sql, key.accountId);
  if (account === null) throw new Error(`the account of key ${key.id} does not exist`);
  return account;
}

/** A Stripe call whose failure is Stripe's, not ours: 502, retryable, with nothing changed. */
async function fromStripe<T>(log: RestDeps['log'], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    log.error({ reason: describeStripeError(error) }, 'Stripe call failed');
    throw new HttpProblem('billing_provider_unavailable');
  }
}
