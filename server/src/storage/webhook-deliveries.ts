import type { ClaimedDelivery, DeliveryStore, FailedAttempt } from '../webhooks/delivery-store.js';
import type { Owner } from './accounts.js';
import type { Sql } from './database.js';
import { newestFirst, pageAfter } from './paging.js';
import { deliveryId } from './webhook-outbox.js';

/** A delivery as the delivery log shows it. */
export interface WebhookDeliveryRecord {
  readonly id: string;
  readonly type: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly lastResponseStatus: number | null;
  readonly lastError: string | null;
  readonly lastAttemptAt: string | null;
  /** When the next attempt is due; `null` once delivered or given up. */
  readonly nextAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly createdAt: string;
}

interface Row {
  id: string;
  type: string;
  status: WebhookDeliveryRecord['status'];
  attempts: number;
  lastResponseStatus: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

const columns = (sql: Sql) => sql`d.id, d.type, d.status, d.attempts, d.last_response_status, d.last_error,
  d.last_attempt_at, case when d.status = 'pending' then d.next_attempt_at end as next_attempt_at,
  d.delivered_at, d.created_at`;

const toRecord = (row: Row): WebhookDeliveryRecord => ({
  ...row,
  lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
  nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

/** Enqueues a `test` event for an endpoint of the account; `null` if there is no such endpoint. */
export async function enqueueTestDelivery(
  sql: Sql,
  owner: Owner,
  endpointId: string,
): Promise<WebhookDeliveryRecord | null> {
  const [row] = await sql<Row[]>`
    with d as (
      insert into webhook_deliveries (id, endpoint_id, type, data)
      select ${deliveryId(sql)}, e.id, 'test', jsonb_build_object('webhookId', e.id::text,
        'message', 'A test event sent from the Poker Room API. Answer 2xx to mark it delivered.')
      from webhook_endpoints e where e.id = ${endpointId} and e.account_id = ${owner.accountId} and e.mode = ${owner.mode}
      returning *
    )
    select ${columns(sql)} from d`;
  return row === undefined ? null : toRecord(row);
}

/**
 * One page of an endpoint's deliveries, newest first, after the delivery `after` (see {@link pageAfter}).
 * Returns `null` when `after` is not a delivery of this endpoint.
 */
export async function listWebhookDeliveries(
  sql: Sql,
  endpointId: string,
  query: { limit: number; after: string | null },
): Promise<WebhookDeliveryRecord[] | null> {
  if (query.after !== null) {
    const [found] = await sql`
      select 1 from webhook_deliveries where id = ${query.after} and endpoint_id = ${endpointId}`;
    if (found === undefined) return null;
  }
  const rows = await sql<Row[]>`
    select ${columns(sql)} from webhook_deliveries d
    where d.endpoint_id = ${endpointId}
      ${pageAfter(sql, 'webhook_deliveries', 'd', query.after)}
    ${newestFirst(sql, 'd')}
    limit ${query.limit}`;
  return rows.map(toRecord);
}

/**
 * Claims up to `limit` due deliveries for this worker. `for update skip locked` keeps workers of
 * other nodes off the rows being claimed, and the claim pushes each row's next attempt a lease
 * ahead, so nobody else takes it while it is being sent; if this node dies mid-send, the lease
 * runs out and another node retries. Disabled endpoints get only their test events.
 */
export async function claimDueDeliveries(
  sql: Sql,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const rows = await sql<
    {
      id: string;
      endpointId: string;
      type: string;
      data: unknown;
      createdAt: Date;
      attempts: number;
      url: string;
      secret: string;
      previousSecret: string | null;
    }[]
  >`
    with due as (
      select d.id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
      where d.status = 'pending' and d.next_attempt_at <= now() and (e.enabled or d.type = 'test')
      order by d.next_attempt_at, d.id
      limit ${limit}
      for update of d skip locked
    )
    update webhook_deliveries d set next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
    from due, webhook_endpoints e
    where d.id = due.id and e.id = d.endpoint_id
    returning d.id, d.endpoint_id, d.type, d.data, d.created_at, d.attempts, e.url, e.secret,
      case when e.previous_secret_expires_at > now() then e.previous_secret end as previous_secret`;
  return rows.map(({ secret, previousSecret, ...delivery }) => ({
    ...delivery,
    secrets: previousSecret === null ? [secret] : [secret, previousSecret],
  }));
}

/** Marks a delivery delivered, and ends its endpoint's failure streak. */
export async function recordDelivered(sql: Sql, id: string, status: number): Promise<void> {
  await sql`
    with d as (
      update webhook_deliveries set status = 'delivered', attempts = attempts + 1, last_attempt_at = now(),
        last_response_status = ${status}, last_error = null, delivered_at = now(), next_attempt_at = null
      where id = ${id} and status = 'pending'
      returning endpoint_id
    )
    update webhook_endpoints e set failure_streak = 0, failing_since = null
    from d where e.id = d.endpoint_id`;
}

/**
 * Records a failed attempt: the next one is scheduled, or the delivery has failed for good. The
 * endpoint is disabled, with the reason, when too many deliveries in a row failed for good or it
 * has failed without a success for too long. Returns whether this disabled the endpoint.
 */
export async function recordFailedAttempt(sql: Sql, attempt: FailedAttempt): Promise<boolean> {
  const gaveUp = attempt.retryInMs === null;
  const streakTooLong = sql`e.failure_streak + ${gaveUp ? 1 : 0}::int >= ${attempt.disableAfterFailures}::int`;
  const failingTooLong = sql`coalesce(e.failing_since, now()) <= now() - make_interval(secs => ${attempt.disableAfterMs / 1000})`;
  const rows = await sql<{ disabled: boolean }[]>`
    with d as (
      update webhook_deliveries set attempts = attempts + 1, last_attempt_at = now(),
        last_response_status = ${attempt.status}, last_error = ${attempt.error.slice(0, 500)},
        status = ${gaveUp ? 'failed' : 'pending'},
        next_attempt_at = ${gaveUp ? null : sql`now() + make_interval(secs => ${(attempt.retryInMs ?? 0) / 1000})`}
      where id = ${attempt.id} and status = 'pending'
      returning endpoint_id
    )
    update webhook_endpoints e set
      failure_streak = e.failure_streak + ${gaveUp ? 1 : 0}::int,
      failing_since = coalesce(e.failing_since, now()),
      enabled = e.enabled and not (${streakTooLong} or ${failingTooLong}),
      disabled_at = case when e.enabled and (${streakTooLong} or ${failingTooLong}) then now() else e.disabled_at end,
      disabled_reason = case when e.enabled and (${streakTooLong} or ${failingTooLong})
        then case when ${streakTooLong}
          then (e.failure_streak + ${gaveUp ? 1 : 0}::int) || ' deliveries in a row failed every attempt; the last one got: ' || ${attempt.error.slice(0, 200)}::text
          else 'every delivery attempt failed since ' || to_char(e.failing_since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            || '; the last one got: ' || ${attempt.error.slice(0, 200)}::text
        end
        else e.disabled_reason end
    from d where e.id = d.endpoint_id
    returning e.enabled = false and e.disabled_at >= now() as disabled`;
  return rows[0]?.disabled === true;
}

/** Hands a claimed delivery back without counting an attempt (this node is shutting down). */
export async function releaseDelivery(sql: Sql, id: string): Promise<void> {
  await sql`update webhook_deliveries set next_attempt_at = now() where id = ${id} and status = 'pending'`;
}

/** The outbox as the delivery worker uses it, on this database. */
export function webhookDeliveryStore(sql: Sql): DeliveryStore {
  return {
    claimDue: (limit, leaseMs) => claimDueDeliveries(sql, limit, leaseMs),
    recordDelivered: (id, status) => recordDelivered(sql, id, status),
    recordFailedAttempt: (attempt) => recordFailedAttempt(sql, attempt),
    release: (id) => releaseDelivery(sql, id),
  };
}
