import type { Sql } from './database.js';

/** A plan an account can be on (see billing/plans.ts for what each allows). */
export type PlanName = 'free' | 'payg';

/** An account's billing state as stored: its Stripe customer, subscription and any plan set by hand. */
export interface BillingAccount {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  /** A plan an operator set by hand (a negotiated contract); wins over the subscription. */
  readonly planOverride: PlanName | null;
  readonly stripeCustomerId: string | null;
  readonly stripeSubscriptionId: string | null;
  /** The subscription's status as Stripe last told us (`active`, `past_due`, `canceled`…). */
  readonly subscriptionStatus: string | null;
  readonly currentPeriodStart: Date | null;
  readonly currentPeriodEnd: Date | null;
  readonly pastDueSince: Date | null;
}

/** A subscription as Stripe holds it now: what an account's plan follows. */
export interface SubscriptionState {
  readonly id: string;
  readonly status: string;
  readonly currentPeriodStart: Date | null;
  readonly currentPeriodEnd: Date | null;
}

/** The columns of a {@link BillingAccount}: its rows arrive as one, nothing to convert. */
const columns = (sql: Sql) => sql`id, name, created_at, plan_override, stripe_customer_id,
  stripe_subscription_id, subscription_status, current_period_start, current_period_end, past_due_since`;

/** An account's billing state, or `null` when there is no such account. */
export async function findBillingAccount(sql: Sql, accountId: string): Promise<BillingAccount | null> {
  const [account] = await sql<BillingAccount[]>`select ${columns(sql)} from accounts where id = ${accountId}`;
  return account ?? null;
}

/** The account a Stripe customer belongs to, or `null`. */
export async function findAccountByCustomer(sql: Sql, customerId: string): Promise<BillingAccount | null> {
  const [account] = await sql<
    BillingAccount[]
  >`select ${columns(sql)} from accounts where stripe_customer_id = ${customerId}`;
  return account ?? null;
}

/** A page of accounts, oldest first, after the account `after` (an id) when given. */
export async function listBillingAccounts(
  sql: Sql,
  page: { readonly limit: number; readonly after: string | null },
): Promise<BillingAccount[]> {
  return sql<BillingAccount[]>`
    select ${columns(sql)} from accounts
    ${
      page.after === null
        ? sql``
        : sql`where (created_at, id) > (select created_at, id from accounts where id = ${page.after})`
    }
    order by created_at, id limit ${page.limit}`;
}

/** Every account billed through Stripe: those with a customer. */
export async function listCustomerAccounts(sql: Sql): Promise<BillingAccount[]> {
  return sql<BillingAccount[]>`
    select ${columns(sql)} from accounts where stripe_customer_id is not null order by id`;
}

/**
 * Stores an account's Stripe customer unless it has one already; returns the one it has now.
 * Of two checkouts racing to create a customer, the first stored wins and both use it.
 */
export async function storeStripeCustomer(sql: Sql, accountId: string, customerId: string): Promise<string> {
  await sql`update accounts set stripe_customer_id = ${customerId}
    where id = ${accountId} and stripe_customer_id is null`;
  const [row] = await sql<{ stripeCustomerId: string | null }[]>`
    select stripe_customer_id from accounts where id = ${accountId}`;
  if (row?.stripeCustomerId == null)
    throw new Error(`account ${accountId} has no customer after storing one`);
  return row.stripeCustomerId;
}

/** Sets or clears (`null`) the plan an operator chose for an account; `false` if there is no such account. */
export async function setPlanOverride(sql: Sql, accountId: string, plan: PlanName | null): Promise<boolean> {
  const rows = await sql`update accounts set plan_override = ${plan} where id = ${accountId} returning id`;
  return rows.length > 0;
}

/**
 * Makes an account follow its subscription as Stripe holds it now, and records the webhook event
 * that caused it (if any) in the same transaction: a replayed event finds itself recorded and
 * changes nothing. `past_due_since` is kept while the subscription stays past_due, so the grace
 * period runs from the first time it was. Returns `false` when the event was processed before.
 */
export async function applySubscription(
  sql: Sql,
  accountId: string,
  subscription: SubscriptionState | null,
  event: { readonly id: string; readonly type: string } | null,
): Promise<boolean> {
  return sql.begin(async (tx) => {
    if (event !== null) {
      const fresh = await tx`insert into stripe_events (id, type) values (${event.id}, ${event.type})
        on conflict (id) do nothing returning id`;
      if (fresh.length === 0) return false;
    }
    if (subscription === null) {
      await tx`update accounts set stripe_subscription_id = null, subscription_status = null,
        current_period_start = null, current_period_end = null, past_due_since = null,
        subscription_synced_at = now() where id = ${accountId}`;
      return true;
    }
    await tx`update accounts set stripe_subscription_id = ${subscription.id},
      subscription_status = ${subscription.status},
      current_period_start = ${subscription.currentPeriodStart},
      current_period_end = ${subscription.currentPeriodEnd},
      past_due_since = case when ${subscription.status} = 'past_due' then coalesce(past_due_since, now()) else null end,
      subscription_synced_at = now()
      where id = ${accountId}`;
    return true;
  });
}

/** Records a Stripe event that needed no change (or concerned no account), so a replay is ignored. */
export async function recordStripeEvent(sql: Sql, event: { id: string; type: string }): Promise<boolean> {
  const fresh = await sql`insert into stripe_events (id, type) values (${event.id}, ${event.type})
    on conflict (id) do nothing returning id`;
  return fresh.length > 0;
}

/** Whether a Stripe event was processed already. */
export async function isStripeEventProcessed(sql: Sql, eventId: string): Promise<boolean> {
  const rows = await sql`select 1 from stripe_events where id = ${eventId}`;
  return rows.length > 0;
}
