import { randomBytes } from 'node:crypto';
import { newId } from '../identity/ids.js';
import type { WebhookEventType } from '../webhooks/event-types.js';
import type { Owner } from './accounts.js';
import type { Sql } from './database.js';

/** A webhook endpoint as the REST API shows it: never its secret. */
export interface WebhookEndpointRecord {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly eventTypes: readonly WebhookEventType[];
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  readonly disabledAt: string | null;
  /** Set while a rotated secret still signs too: when it stops. */
  readonly previousSecretExpiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What can change on an endpoint; absent fields stay as they are. */
export interface WebhookEndpointChanges {
  readonly url?: string | undefined;
  readonly description?: string | null | undefined;
  readonly eventTypes?: readonly WebhookEventType[] | undefined;
  /** `true` re-enables a disabled endpoint and forgets its failure streak. */
  readonly enabled?: boolean | undefined;
}

interface Row {
  id: string;
  url: string;
  description: string | null;
  eventTypes: WebhookEventType[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const columns = (sql: Sql) => sql`id, url, description, event_types, enabled, disabled_reason, disabled_at,
  case when previous_secret_expires_at > now() then previous_secret_expires_at end as previous_secret_expires_at,
  created_at, updated_at`;

const toRecord = (row: Row): WebhookEndpointRecord => ({
  ...row,
  disabledAt: row.disabledAt?.toISOString() ?? null,
  previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** A new signing secret: `whsec_` and 32 random bytes in base64, the form `verifyWebhook` takes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Creates an endpoint; its secret is returned this once. */
export async function createWebhookEndpoint(
  sql: Sql,
  owner: Owner,
  input: { url: string; description: string | null; eventTypes: readonly WebhookEventType[] },
): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
  const secret = newWebhookSecret();
  const [row] = await sql<Row[]>`
    insert into webhook_endpoints (id, account_id, mode, url, description, event_types, secret)
    values (${newId('wh')}, ${owner.accountId}, ${owner.mode}, ${input.url}, ${input.description}, ${[...input.eventTypes]}, ${secret})
    returning ${columns(sql)}`;
  if (row === undefined) throw new Error('the webhook endpoint was not stored');
  return { endpoint: toRecord(row), secret };
}

/** The account's endpoints, oldest first. */
export async function listWebhookEndpoints(sql: Sql, owner: Owner): Promise<WebhookEndpointRecord[]> {
  const rows = await sql<Row[]>`
    select ${columns(sql)} from webhook_endpoints where account_id = ${owner.accountId} and mode = ${owner.mode} order by created_at, id`;
  return rows.map(toRecord);
}

/** An endpoint of this account, or `null` (another account's is reported exactly like a missing one). */
export async function findWebhookEndpoint(
  sql: Sql,
  owner: Owner,
  id: string,
): Promise<WebhookEndpointRecord | null> {
  const [row] = await sql<Row[]>`
    select ${columns(sql)} from webhook_endpoints where id = ${id} and account_id = ${owner.accountId} and mode = ${owner.mode}`;
  return row === undefined ? null : toRecord(row);
}

/** Changes an endpoint; `null` if the account has no such endpoint. */
export async function updateWebhookEndpoint(
  sql: Sql,
  owner: Owner,
  id: string,
  changes: WebhookEndpointChanges,
): Promise<WebhookEndpointRecord | null> {
  const set = <T>(value: T | undefined, column: string) =>
    value === undefined ? sql`` : sql`, ${sql(column)} = ${value as never}`;
  const enable =
    changes.enabled === undefined
      ? sql``
      : changes.enabled
        ? sql`, enabled = true, disabled_reason = null, disabled_at = null, failure_streak = 0, failing_since = null`
        : sql`, enabled = false, disabled_reason = 'disabled through the API', disabled_at = now()`;
  const [row] = await sql<Row[]>`
    update webhook_endpoints set updated_at = now()
      ${set(changes.url, 'url')}
      ${set(changes.description, 'description')}
      ${set(changes.eventTypes === undefined ? undefined : [...changes.eventTypes], 'event_types')}
      ${enable}
    where id = ${id} and account_id = ${owner.accountId} and mode = ${owner.mode}
    returning ${columns(sql)}`;
  return row === undefined ? null : toRecord(row);
}

/** Deletes an endpoint and its delivery log; pending deliveries are dropped. `false` if there was none. */
export async function deleteWebhookEndpoint(sql: Sql, owner: Owner, id: string): Promise<boolean> {
  const rows =
    await sql`delete from webhook_endpoints where id = ${id} and account_id = ${owner.accountId} and mode = ${owner.mode} returning id`;
  return rows.length > 0;
}

/**
 * Gives an endpoint a new secret. The current one keeps signing too for `graceSeconds` (deliveries
 * carry both signatures), so the receiver can deploy the new secret without refusing anything.
 * A rotation during a grace period ends the older secret at once.
 */
export async function rotateWebhookSecret(
  sql: Sql,
  owner: Owner,
  id: string,
  graceSeconds: number,
): Promise<{ endpoint: WebhookEndpointRecord; secret: string } | null> {
  const secret = newWebhookSecret();
  const [row] = await sql<Row[]>`
    update webhook_endpoints set previous_secret = secret, secret = ${secret},
      previous_secret_expires_at = now() + make_interval(secs => ${graceSeconds}), updated_at = now()
    where id = ${id} and account_id = ${owner.accountId} and mode = ${owner.mode}
    returning ${columns(sql)}`;
  return row === undefined ? null : { endpoint: toRecord(row), secret };
}
