import { createHash, timingSafeEqual } from 'node:crypto';
import { newId, randomToken } from '../identity/ids.js';
import { API_KEY_SCOPES, type ApiKeyScope, createAccount, type Owner } from './accounts.js';
import type { Queryable, Sql } from './database.js';

/*
 * The one store of API keys: every key is created, found and revoked here. Keys are
 * high-entropy, so a plain SHA-256 is the right hash (lookup by hash, nothing to stretch), and a
 * found hash is compared again in constant time.
 */

/** An API key as the REST API shows it: never the secret, only its last four characters. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string | null;
  readonly mode: 'test' | 'live';
  readonly last4: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly rateLimit: { readonly perSecond: number; readonly burst: number } | null;
}

/** What authentication needs to know about the key a secret belongs to. */
export interface AuthenticatedKey {
  readonly id: string;
  readonly accountId: string;
  readonly mode: 'test' | 'live';
  readonly scopes: readonly ApiKeyScope[];
  readonly revoked: boolean;
  readonly rateLimit: { readonly perSecond: number; readonly burst: number } | null;
}

/** The options of a new key. */
export interface NewKeyOptions {
  readonly name?: string | undefined;
  readonly mode?: 'test' | 'live' | undefined;
  readonly scopes?: readonly ApiKeyScope[] | undefined;
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number } | undefined;
}

interface KeyRow {
  id: string;
  accountId: string;
  hash: string;
  name: string | null;
  mode: 'test' | 'live';
  last4: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  ratePerSecond: number | null;
  rateBurst: number | null;
  revoked: boolean;
}

/** Whether a key no longer works: revoked, or past its expiry (a rotated key's grace ends so). */
const revoked = (sql: Queryable) =>
  sql`((revoked_at is not null and revoked_at <= now()) or (expires_at is not null and expires_at <= now()))`;

const columns = (
  sql: Queryable,
) => sql`id, account_id, hash, name, mode, last4, scopes, created_at, expires_at,
  revoked_at, rate_per_second, rate_burst, ${revoked(sql)} as revoked`;

/** The stored hash of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new secret of a mode, e.g. `sk_test_…`. */
function newSecret(mode: 'test' | 'live'): string {
  return `sk_${mode}_${randomToken(32)}`;
}

const rateOf = (row: KeyRow) =>
  row.ratePerSecond === null || row.rateBurst === null
    ? null
    : { perSecond: row.ratePerSecond, burst: row.rateBurst };

function toRecord(row: KeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    mode: row.mode,
    last4: row.last4,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    rateLimit: rateOf(row),
  };
}

/**
 * Finds the key a secret belongs to. The lookup is by hash, and the stored hash is compared again
 * in constant time, so neither the index nor the comparison tells an attacker how close a guess was.
 */
export async function findKeyBySecret(sql: Sql, secret: string): Promise<AuthenticatedKey | null> {
  const hash = hashSecret(secret);
  const [row] = await sql<KeyRow[]>`select ${columns(sql)} from api_keys where hash = ${hash}`;
  if (row === undefined) return null;
  const expected = Buffer.from(row.hash, 'hex');
  const actual = Buffer.from(hash, 'hex');
  if (expected.byteLength !== actual.byteLength || !timingSafeEqual(expected, actual)) return null;
  return {
    id: row.id,
    accountId: row.accountId,
    mode: row.mode,
    scopes: row.scopes,
    revoked: row.revoked,
    rateLimit: rateOf(row),
  };
}

/** Creates a key for an account; the secret is returned once and only its hash is stored. */
export async function createKey(
  sql: Queryable,
  accountId: string,
  options: NewKeyOptions,
): Promise<{ key: ApiKeyRecord; secret: string }> {
  const mode = options.mode ?? 'test';
  const secret = newSecret(mode);
  const scopes = [...(options.scopes ?? API_KEY_SCOPES)];
  const [row] = await sql<KeyRow[]>`
    insert into api_keys (id, account_id, hash, name, mode, last4, scopes, rate_per_second, rate_burst)
    values (${newId('key')}, ${accountId}, ${hashSecret(secret)}, ${options.name ?? null}, ${mode}, ${secret.slice(-4)},
      ${scopes}, ${options.rateLimit?.perSecond ?? null}, ${options.rateLimit?.burst ?? null})
    returning ${columns(sql)}`;
  if (row === undefined) throw new Error('the key was not stored');
  return { key: toRecord(row), secret };
}

/**
 * Every key of an account in one mode, oldest first (revoked ones included: they show when and
 * why access ended).
 */
export async function listKeys(sql: Sql, owner: Owner): Promise<ApiKeyRecord[]> {
  const rows = await sql<KeyRow[]>`select ${columns(sql)} from api_keys
    where account_id = ${owner.accountId} and mode = ${owner.mode} order by created_at, id`;
  return rows.map(toRecord);
}

/** Revokes a key of the account now; `null` if the account has no such key. Revoking twice keeps the first time. */
export async function revokeKey(sql: Sql, owner: Owner, keyId: string): Promise<ApiKeyRecord | null> {
  const [row] = await sql<KeyRow[]>`
    update api_keys set revoked_at = coalesce(revoked_at, now())
    where id = ${keyId} and account_id = ${owner.accountId} and mode = ${owner.mode} returning ${columns(sql)}`;
  return row === undefined ? null : toRecord(row);
}

/**
 * Rotates a key: a new key with the same name, mode, scopes and limits, while the old one keeps
 * working for `graceSeconds` (so deployments can switch over) and then expires.
 * `null` if the account has no such key, or it is already revoked or expired.
 */
export async function rotateKey(
  sql: Sql,
  owner: Owner,
  keyId: string,
  graceSeconds: number,
): Promise<{ key: ApiKeyRecord; secret: string; previous: ApiKeyRecord } | null> {
  return sql.begin(async (tx) => {
    const [old] = await tx<KeyRow[]>`
      select ${columns(tx)} from api_keys
      where id = ${keyId} and account_id = ${owner.accountId} and mode = ${owner.mode} for update`;
    if (old === undefined || old.revoked) return null;
    const fresh = await createKey(tx, owner.accountId, {
      name: old.name ?? undefined,
      mode: old.mode,
      scopes: old.scopes,
      rateLimit: rateOf(old) ?? undefined,
    });
    const [previous] = await tx<KeyRow[]>`
      update api_keys set rotated_to = ${fresh.key.id},
        expires_at = least(coalesce(expires_at, 'infinity'), now() + make_interval(secs => ${graceSeconds}))
      where id = ${keyId} returning ${columns(tx)}`;
    if (previous === undefined) throw new Error('the rotated key vanished');
    return { ...fresh, previous: toRecord(previous) };
  });
}

/** Whether any live-mode key that still works exists: then the server is not a developer's sandbox. */
export async function hasActiveLiveKeys(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ found: boolean }[]>`
    select exists (select 1 from api_keys where mode = 'live' and not ${revoked(sql)}) as found`;
  return row?.found === true;
}

/**
 * Stores a key for an account with a given secret, or a new one, and returns the secret: the only
 * time it is visible. A given secret may be provisioned by several nodes starting at once: the
 * first one wins, the others store nothing.
 */
export async function createApiKey(
  sql: Sql,
  accountId: string,
  options: { mode?: 'test' | 'live'; scopes?: readonly ApiKeyScope[]; secret?: string } = {},
): Promise<{ id: string; secret: string }> {
  const mode = options.mode ?? 'test';
  const secret = options.secret ?? newSecret(mode);
  const id = newId('key');
  const scopes = [...(options.scopes ?? API_KEY_SCOPES)];
  await sql`insert into api_keys (id, account_id, hash, mode, last4, scopes)
    values (${id}, ${accountId}, ${hashSecret(secret)}, ${mode}, ${secret.slice(-4)}, ${scopes})
    on conflict (hash) do nothing`;
  return { id, secret };
}

/**
 * Makes sure a secret key exists (POKERROOM_BOOTSTRAP_KEY), with its own account, so a deployment
 * can be scripted without a signup step. Idempotent.
 */
export async function ensureBootstrapKey(sql: Sql, secret: string): Promise<void> {
  if ((await findKeyBySecret(sql, secret)) !== null) return;
  const accountId = await createAccount(sql, 'Bootstrap account', `acct_${hashSecret(secret).slice(0, 16)}`);
  const mode = secret.startsWith('sk_live_') ? 'live' : 'test';
  await createApiKey(sql, accountId, { mode, secret });
}
