import { recordDiscrepancy } from './billing-discrepancies.js';
import type { Queryable, Sql } from './database.js';

/** A closed usage window: the participants of one account who first became active in it. */
export interface UsageWindow {
  readonly accountId: string;
  readonly windowStart: Date;
  readonly windowSeconds: number;
  readonly value: number;
  readonly identifier: string;
  readonly status: 'pending' | 'sent' | 'unbilled' | 'failed';
  readonly stripeCustomerId: string | null;
  readonly attempts: number;
}

/** The columns of a {@link UsageWindow}: its rows arrive as one, nothing to convert. */
const columns = (sql: Queryable) =>
  sql`account_id, window_start, window_seconds, value, identifier, status, stripe_customer_id, attempts`;

/** How an account's closed windows are billed: sent to this Stripe customer, or only kept. */
export type WindowBilling = { readonly customerId: string } | null;

/** What closing windows needs to decide. */
export interface CloseWindowsInput {
  /** Windows ending at or before this instant are closed. */
  readonly now: Date;
  readonly windowSeconds: number;
  /** The identifier of an account's window: deterministic, so a resend is recognised by Stripe. */
  readonly identifierOf: (accountId: string, windowStart: Date) => string;
  /** Whether (and to whom) an account's usage is sent; `null`: recorded and shown, not sent. */
  readonly billingOf: (accountId: string) => Promise<WindowBilling>;
}

/**
 * Closes the usage windows that have ended: each first join not yet in a window goes to the
 * window of its own time, or, when that window was closed already (a join stored late, or
 * counted after the reporter ran), to the next window that has not been closed; a join with no
 * such window yet waits for the next one to end. The rows a window counts are marked in the same
 * transaction that creates it, so no join is counted in two windows, and none is left out.
 * Call it under the reporter's lock (one closer per cluster).
 *
 * @returns the windows created.
 */
export async function closeWindows(sql: Sql, input: CloseWindowsInput): Promise<UsageWindow[]> {
  const width = input.windowSeconds;
  const closedBefore = Math.floor(input.now.getTime() / 1000 / width) * width;
  // How each account is billed is decided before the transaction: deciding may read storage, and
  // on a single-connection database (embedded PGlite) the transaction holds the only connection.
  const waiting = await sql<{ accountId: string }[]>`
    select distinct account_id from active_participants
    where window_start is null and first_seen_at < to_timestamp(${closedBefore})`;
  if (waiting.length === 0) return [];
  const billing = new Map<string, WindowBilling>();
  for (const { accountId } of waiting) billing.set(accountId, await input.billingOf(accountId));
  return sql.begin(async (tx) => {
    const found = await tx<{ accountId: string; startSeconds: string }[]>`
      select account_id, (floor(extract(epoch from first_seen_at) / ${width}) * ${width})::bigint as start_seconds
      from active_participants
      where window_start is null and first_seen_at < to_timestamp(${closedBefore})
      group by 1, 2 order by 1, 2`;
    // An account whose first join arrived meanwhile waits for the next run.
    const groups = found.filter((group) => billing.has(group.accountId));
    if (groups.length === 0) return [];
    const accounts = [...new Set(groups.map((group) => group.accountId))];
    const earliest = Math.min(...groups.map((group) => Number(group.startSeconds)));
    const existing = new Set(
      (
        await tx<{ accountId: string; startSeconds: string }[]>`
          select account_id, extract(epoch from window_start)::bigint as start_seconds from usage_windows
          where account_id in ${tx(accounts)} and window_start >= to_timestamp(${earliest})`
      ).map((row) => `${row.accountId}/${row.startSeconds}`),
    );
    const values = new Map<string, { accountId: string; start: number; value: number }>();
    for (const group of groups) {
      const start = Number(group.startSeconds);
      let target = start;
      while (target + width <= closedBefore && existing.has(`${group.accountId}/${target}`)) target += width;
      if (target + width > closedBefore) continue; // every closed window is taken: wait for the next
      const taken = await tx`
        update active_participants set window_start = to_timestamp(${target})
        where account_id = ${group.accountId} and window_start is null
          and first_seen_at >= to_timestamp(${start}) and first_seen_at < to_timestamp(${start + width})
        returning 1`;
      if (taken.length === 0) continue;
      const key = `${group.accountId}/${target}`;
      const window = values.get(key) ?? { accountId: group.accountId, start: target, value: 0 };
      window.value += taken.length;
      values.set(key, window);
    }
    const created: UsageWindow[] = [];
    for (const window of values.values()) {
      const billed = billing.get(window.accountId) ?? null;
      const windowStart = new Date(window.start * 1000);
      const [row] = await tx<UsageWindow[]>`
        insert into usage_windows (account_id, window_start, window_seconds, value, identifier, status, stripe_customer_id)
        values (${window.accountId}, ${windowStart}, ${width}, ${window.value},
          ${input.identifierOf(window.accountId, windowStart)}, ${billed === null ? 'unbilled' : 'pending'},
          ${billed?.customerId ?? null})
        returning ${columns(tx)}`;
      if (row !== undefined) created.push(row);
    }
    return created;
  });
}

/** Pending windows whose next attempt is due, oldest first. */
export async function dueWindows(sql: Sql, limit: number): Promise<UsageWindow[]> {
  return sql<UsageWindow[]>`
    select ${columns(sql)} from usage_windows where status = 'pending' and next_attempt_at <= now()
    order by window_start, account_id limit ${limit}`;
}

/** Marks a window sent: Stripe accepted its meter event. */
export async function markWindowSent(sql: Sql, window: UsageWindow): Promise<void> {
  await sql`update usage_windows set status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = null
    where account_id = ${window.accountId} and window_start = ${window.windowStart}`;
}

/** Schedules another attempt of a window after a failure that retrying may fix. */
export async function retryWindowLater(
  sql: Sql,
  window: UsageWindow,
  error: string,
  delayMs: number,
): Promise<void> {
  await sql`update usage_windows set attempts = attempts + 1, last_error = ${error},
      next_attempt_at = now() + make_interval(secs => ${delayMs / 1000})
    where account_id = ${window.accountId} and window_start = ${window.windowStart}`;
}

/**
 * Marks a window failed (Stripe refused it in a way retrying cannot change) and records the refusal as a
 * discrepancy, in one transaction.
 * @returns whether the discrepancy is new.
 */
export async function markWindowFailed(sql: Sql, window: UsageWindow, error: string): Promise<boolean> {
  // The window's failure and its discrepancy are one fact: whoever reads one sees the other.
  return sql.begin(async (tx) => {
    await tx`update usage_windows set status = 'failed', attempts = attempts + 1, last_error = ${error}
      where account_id = ${window.accountId} and window_start = ${window.windowStart}`;
    return recordDiscrepancy(tx, {
      accountId: window.accountId,
      kind: 'meter_event_refused',
      subject: window.identifier,
      expected: String(window.value),
      actual: null,
      detail: `Stripe refused the meter event: ${error}`,
    });
  });
}

/** Puts failed windows of an account back in the queue, to be sent once more with their own identifiers. */
export async function requeueFailedWindows(sql: Sql, accountId: string): Promise<number> {
  const rows = await sql`update usage_windows set status = 'pending', next_attempt_at = now()
    where account_id = ${accountId} and status = 'failed' and stripe_customer_id is not null returning 1`;
  return rows.length;
}

/** The age of the oldest window waiting to be sent, in seconds (0 when none waits). */
export async function outboxLagSeconds(sql: Sql): Promise<number> {
  const [row] = await sql<{ lag: number | null }[]>`
    select extract(epoch from now() - min(created_at))::float8 as lag from usage_windows where status = 'pending'`;
  return Math.max(0, row?.lag ?? 0);
}

/**
 * What was sent to Stripe per account and UTC day since `since`: what reconciliation checks. Only
 * days with no window still waiting to be sent: a window being retried may already have reached
 * Stripe (its answer was lost), and comparing that day before the retry settles it would report
 * a difference that is not one.
 */
export async function sentPerDay(
  sql: Sql,
  since: Date,
): Promise<{ accountId: string; customerId: string; day: Date; value: number }[]> {
  const rows = await sql<{ accountId: string; stripeCustomerId: string; day: Date; value: string }[]>`
    select account_id, stripe_customer_id, date_trunc('day', window_start at time zone 'UTC') at time zone 'UTC' as day,
      sum(value) as value
    from usage_windows
    where status in ('sent', 'pending') and stripe_customer_id is not null and window_start >= ${since}
    group by 1, 2, 3
    having bool_and(status = 'sent')
    order by 1, 3`;
  return rows.map((row) => ({
    accountId: row.accountId,
    customerId: row.stripeCustomerId,
    day: row.day,
    value: Number(row.value),
  }));
}

/** An account's usage this month, by where it stands toward Stripe. */
export interface MonthUsage {
  readonly activeParticipants: number;
  readonly reported: number;
  readonly pending: number;
  readonly unbilled: number;
  readonly failed: number;
  /** First joins whose window has not closed yet. */
  readonly open: number;
}

/** An account's monthly active participants in live mode, and how much of it reached Stripe. */
export async function monthUsage(sql: Sql, accountId: string, month: string): Promise<MonthUsage> {
  const [row] = await sql<Record<keyof MonthUsage, string>[]>`
    select
      (select count(*) from active_participants where account_id = ${accountId} and month = ${month}::date)
        as active_participants,
      coalesce(sum(a.n) filter (where w.status = 'sent'), 0) as reported,
      coalesce(sum(a.n) filter (where w.status = 'pending'), 0) as pending,
      coalesce(sum(a.n) filter (where w.status = 'unbilled'), 0) as unbilled,
      coalesce(sum(a.n) filter (where w.status = 'failed'), 0) as failed,
      (select count(*) from active_participants
        where account_id = ${accountId} and month = ${month}::date and window_start is null) as open
    from (select window_start, count(*) as n from active_participants
          where account_id = ${accountId} and month = ${month}::date and window_start is not null
          group by window_start) a
      join usage_windows w on w.account_id = ${accountId} and w.window_start = a.window_start`;
  return {
    activeParticipants: Number(row?.activeParticipants ?? 0),
    reported: Number(row?.reported ?? 0),
    pending: Number(row?.pending ?? 0),
    unbilled: Number(row?.unbilled ?? 0),
    failed: Number(row?.failed ?? 0),
    open: Number(row?.open ?? 0),
  };
}
