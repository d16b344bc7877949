import { effectivePlan, type Plan } from '../billing/plans.js';
import { monthOf } from '../storage/active-participants.js';
import type { BillingAccount, PlanName } from '../storage/billing-accounts.js';
import { openDiscrepancies } from '../storage/billing-discrepancies.js';
import type { Sql } from '../storage/database.js';
import { monthUsage } from '../storage/usage-windows.js';
import type { BillingBody } from './billing-schemas.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * An account's billing as the REST and operator APIs show it: plan, subscription, this month's
 * monthly active participants and how much of it reached Stripe, and open discrepancies.
 */
export async function billingSummary(
  sql: Sql,
  account: BillingAccount,
  plans: Readonly<Record<PlanName, Plan>>,
  pastDueGraceMs: number,
  now: number,
): Promise<BillingBody> {
  const { plan, source } = effectivePlan(account, plans, pastDueGraceMs, now);
  const month = monthOf(now);
  const start = new Date(`${month}T00:00:00.000Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const usage = await monthUsage(sql, account.id, month);
  const discrepancies = await openDiscrepancies(sql, account.id);
  return {
    plan: plan.name,
    planSource: source,
    limit: plan.limit,
    subscription:
      account.stripeSubscriptionId === null || account.subscriptionStatus === null
        ? null
        : {
            id: account.stripeSubscriptionId,
            status: account.subscriptionStatus,
            currentPeriodStart: iso(account.currentPeriodStart),
            currentPeriodEnd: iso(account.currentPeriodEnd),
            pastDueSince: iso(account.pastDueSince),
          },
    period: { start: start.toISOString(), end: end.toISOString() },
    activeParticipants: usage.activeParticipants,
    usage: {
      reported: usage.reported,
      pending: usage.pending,
      unbilled: usage.unbilled,
      failed: usage.failed,
      open: usage.open,
    },
    discrepancies: discrepancies.map(({ accountId: _, ...rest }) => rest),
  };
}
