import { newId } from '../identity/ids.js';
import type { Queryable, Sql } from './database.js';

/** What kind of difference between our records and Stripe's. */
export type DiscrepancyKind = 'usage_mismatch' | 'plan_mismatch' | 'meter_event_refused';

/** A difference found between what we hold and what Stripe holds, open until a later check finds them equal. */
export interface Discrepancy {
  readonly id: string;
  readonly accountId: string;
  readonly kind: DiscrepancyKind;
  /** What it is about: a day (`2026-12-05`), a window's identifier, a subscription. */
  readonly subject: string;
  readonly expected: string | null;
  readonly actual: string | null;
  readonly detail: string;
  readonly detectedAt: string;
}

interface Row {
  id: string;
  accountId: string;
  kind: DiscrepancyKind;
  subject: string;
  expected: string | null;
  actual: string | null;
  detail: string;
  detectedAt: Date;
}

const toDiscrepancy = (row: Row): Discrepancy => ({
  id: row.id,
  accountId: row.accountId,
  kind: row.kind,
  subject: row.subject,
  expected: row.expected,
  actual: row.actual,
  detail: row.detail,
  detectedAt: row.detectedAt.toISOString(),
});

/**
 * Records a discrepancy, or updates the open one about the same thing.
 * @returns whether it is new (not seen open before).
 */
export async function recordDiscrepancy(
  sql: Queryable,
  found: Omit<Discrepancy, 'id' | 'detectedAt'>,
): Promise<boolean> {
  const [row] = await sql<{ fresh: boolean }[]>`
    insert into billing_discrepancies (id, account_id, kind, subject, expected, actual, detail)
    values (${newId('disc')}, ${found.accountId}, ${found.kind}, ${found.subject}, ${found.expected},
      ${found.actual}, ${found.detail})
    on conflict (account_id, kind, subject) where resolved_at is null
      do update set expected = excluded.expected, actual = excluded.actual, detail = excluded.detail
    returning (xmax = 0) as fresh`;
  return row?.fresh ?? false;
}

/** Resolves the open discrepancy about a subject, if any: a later check found both sides equal. */
export async function resolveDiscrepancy(
  sql: Sql,
  accountId: string,
  kind: DiscrepancyKind,
  subject: string,
): Promise<void> {
  await sql`update billing_discrepancies set resolved_at = now()
    where account_id = ${accountId} and kind = ${kind} and subject = ${subject} and resolved_at is null`;
}

/** Open discrepancies of one account, or of every account (`null`), newest first. */
export async function openDiscrepancies(sql: Sql, accountId: string | null): Promise<Discrepancy[]> {
  const rows = await sql<Row[]>`
    select * from billing_discrepancies
    where resolved_at is null ${accountId === null ? sql`` : sql`and account_id = ${accountId}`}
    order by detected_at desc, id limit 100`;
  return rows.map(toDiscrepancy);
}

/** How many discrepancies are open across every account. */
export async function countOpenDiscrepancies(sql: Sql): Promise<number> {
  const [row] = await sql<
    { n: string }[]
  >`select count(*) as n from billing_discrepancies where resolved_at is null`;
  return Number(row?.n ?? 0);
}
