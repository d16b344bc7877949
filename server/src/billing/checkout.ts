import type Stripe from 'stripe';
import type { BillingAccount } from '../storage/billing-accounts.js';
import { storeStripeCustomer } from '../storage/billing-accounts.js';
import type { Sql } from '../storage/database.js';

/**
 * Checkout and the billing portal. The account's Stripe customer is made on first need, once:
 * concurrent requests in this process share one creation, and across nodes the idempotency key
 * (derived from the account) makes Stripe answer every creation with the same customer; the
 * first stored wins either way, so two checkouts at once never make two customers.
 */
export class Checkout {
  readonly #creating = new Map<string, Promise<string>>();

  constructor(
    private readonly sql: Sql,
    private readonly stripe: Stripe,
    private readonly priceId: string,
  ) {}

  /** The account's Stripe customer, created (once) if it has none. */
  customerOf(account: BillingAccount): Promise<string> {
    if (account.stripeCustomerId !== null) return Promise.resolve(account.stripeCustomerId);
    let creating = this.#creating.get(account.id);
    if (creating === undefined) {
      creating = this.#createCustomer(account).finally(() => this.#creating.delete(account.id));
      this.#creating.set(account.id, creating);
    }
    return creating;
  }

  async #createCustomer(account: BillingAccount): Promise<string> {
    const customer = await this.stripe.customers.create(
      { name: account.name, metadata: { accountId: account.id } },
      { idempotencyKey: `pokerroom-customer-${account.id}` },
    );
    return storeStripeCustomer(this.sql, account.id, customer.id);
  }

  /** A Checkout Session subscribing the account to the metered price; its URL is where the person pays. */
  async checkoutUrl(
    account: BillingAccount,
    urls: { successUrl: string; cancelUrl: string },
  ): Promise<string> {
    const customer = await this.customerOf(account);
    const session = await this.stripe.checkout.sessions.create({
      mode: 'subscription',
      customer,
      client_reference_id: account.id,
      metadata: { accountId: account.id },
      subscription_data: { metadata: { accountId: account.id } },
      // A metered price takes no quantity: usage arrives as meter events.
      line_items: [{ price: this.priceId }],
      success_url: urls.successUrl,
      cancel_url: urls.cancelUrl,
    });
    if (session.url === null) throw new Error('Stripe returned a Checkout Session without a URL');
    return session.url;
  }

  /** A Billing Portal session where the account's owner manages payment and the subscription. */
  async portalUrl(account: BillingAccount, returnUrl: string): Promise<string> {
    const customer = await this.customerOf(account);
    const session = await this.stripe.billingPortal.sessions.create({ customer, return_url: returnUrl });
    return session.url;
  }
}
