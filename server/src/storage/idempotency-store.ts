import type { Owner } from './accounts.js';
import type { Sql } from './database.js';

/** What became of an attempt to claim an Idempotency-Key. */
export type IdempotencyClaim =
  /** The key is new: run the request, then {@link completeIdempotency} (or {@link releaseIdempotency}). */
  | { readonly kind: 'claimed' }
  /** The same request was answered before: send this answer again. */
  | { readonly kind: 'replay'; readonly status: number; readonly body: string }
  /** The key was used for a different request. */
  | { readonly kind: 'mismatch' }
  /** The same request is being answered right now. */
  | { readonly kind: 'in-flight' };

/** How long a record is kept: a client retrying a day later still gets the first answer. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
/** A claim with no answer after this long belongs to a request that died; it may be taken over. */
const STALE_CLAIM_SECONDS = 60;

/**
 * Claims an Idempotency-Key for an account in one mode, atomically: of two concurrent requests with one key,
 * exactly one runs. `fingerprint` identifies the request (method, path and body).
 */
export async function claimIdempotencyKey(
  sql: Sql,
  owner: Owner,
  key: string,
  fingerprint: string,
): Promise<IdempotencyClaim> {
  const [inserted] = await sql<{ key: string }[]>`
    insert into idempotency_keys (account_id, mode, key, fingerprint)
    values (${owner.accountId}, ${owner.mode}, ${key}, ${fingerprint})
    on conflict (account_id, mode, key) do update set fingerprint = excluded.fingerprint, status = null, body = null,
      created_at = now()
    where idempotency_keys.created_at < now() - make_interval(hours => ${IDEMPOTENCY_RETENTION_HOURS})
      or (idempotency_keys.status is null and idempotency_keys.created_at < now() - make_interval(secs => ${STALE_CLAIM_SECONDS}))
    returning key`;
  if (inserted !== undefined) return { kind: 'claimed' };
  const [row] = await sql<{ fingerprint: string; status: number | null; body: string | null }[]>`
    select fingerprint, status, body from idempotency_keys where account_id = ${owner.accountId} and mode = ${owner.mode} and key = ${key}`;
  if (row === undefined) return claimIdempotencyKey(sql, owner, key, fingerprint);
  if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (row.status === null || row.body === null) return { kind: 'in-flight' };
  return { kind: 'replay', status: row.status, body: row.body };
}

/** Stores the answer of a claimed request, for replays. */
export async function completeIdempotency(
  sql: Sql,
  owner: Owner,
  key: string,
  status: number,
  body: string,
): Promise<void> {
  await sql`update idempotency_keys set status = ${status}, body = ${body} where account_id = ${owner.accountId} and mode = ${owner.mode} and key = ${key}`;
}

/** Gives a claim up (the request failed on our side), so that a retry runs it again. */
export async function releaseIdempotency(sql: Sql, owner: Owner, key: string): Promise<void> {
  await sql`delete from idempotency_keys where account_id = ${owner.accountId} and mode = ${owner.mode} and key = ${key} and status is null`;
}
