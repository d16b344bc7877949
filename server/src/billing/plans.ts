import type { BillingAccount, PlanName } from '../storage/billing-accounts.js';

/** What a plan allows, and whether its usage is sent to Stripe. */
export interface Plan {
  readonly name: PlanName;
  /** Monthly active participants allowed in live mode; `null`: no cap. */
  readonly limit: number | null;
  /** Whether usage is sent to Stripe as meter events (the metered price). */
  readonly metered: boolean;
}

/**
 * The plan table. `free` is capped (its cap is configuration: `POKERROOM_FREE_PLAN_LIMIT`);
 * `payg` is the metered price on the Billing Meter, with no cap. See docs/billing.md.
 */
export function planTable(freePlanLimit: number): Readonly<Record<PlanName, Plan>> {
  return {
    free: { name: 'free', limit: freePlanLimit, metered: false },
    payg: { name: 'payg', limit: null, metered: true },
  };
}

/** Subscription statuses in which the paid plan applies. */
const PAID_STATUSES = new Set(['active', 'trialing']);

/** Where an account's plan comes from. */
export type PlanSource = 'override' | 'subscription' | 'default';

/**
 * The plan an account is on now: the one an operator set, else the one its subscription pays
 * for. A `past_due` subscription keeps the paid plan for `pastDueGraceMs` after it became past
 * due, then the free limits apply; canceled, unpaid or incomplete subscriptions are free.
 */
export function effectivePlan(
  account: BillingAccount,
  plans: Readonly<Record<PlanName, Plan>>,
  pastDueGraceMs: number,
  now: number,
): { plan: Plan; source: PlanSource } {
  if (account.planOverride !== null) return { plan: plans[account.planOverride], source: 'override' };
  const status = account.subscriptionStatus;
  if (status !== null && PAID_STATUSES.has(status)) return { plan: plans.payg, source: 'subscription' };
  if (status === 'past_due') {
    const since = account.pastDueSince?.getTime() ?? now;
    if (now - since < pastDueGraceMs) return { plan: plans.payg, source: 'subscription' };
  }
  return { plan: plans.free, source: status === null ? 'default' : 'subscription' };
}
