import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from './database.js';

/** What an API key may do. */
export const API_KEY_SCOPES = ['rooms', 'tokens', 'history', 'usage', 'webhooks', 'keys', 'billing'] as const;
/** One API key scope. */
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Test or live mode: each mode of an account has its own data, as in Stripe. */
export type Mode = 'test' | 'live';

/**
 * Who owns a resource: an account in one mode. An authenticated key is an owner, so storage
 * functions take the key itself and can't forget the mode.
 */
export interface Owner {
  readonly accountId: string;
  readonly mode: Mode;
}

/** An API key as the server knows it: never the secret, only its hash. */
export interface ApiKey {
  readonly id: string;
  readonly accountId: string;
  readonly mode: 'test' | 'live';
  readonly scopes: readonly ApiKeyScope[];
  readonly revoked: boolean;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random base62 string; `length` characters carry about 5.95 bits each. */
export function randomToken(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (const byte of bytes) {
    if (byte >= 248) continue; // 248 = 62 * 4: reject the tail so every character is equally likely
    out += BASE62[byte % 62];
    if (out.length === length) return out;
  }
  return out + randomToken(length - out.length);
}

/** A new id with a readable prefix, e.g. `room_3kQ9…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken(16)}`;
}

/** Keys are high-entropy, so a plain SHA-256 is the right hash: lookup by hash, nothing to stretch. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates an account. */
export async function createAccount(sql: Sql, name: string, id = newId('acct')): Promise<string> {
  await sql`insert into accounts (id, name) values (${id}, ${name}) on conflict (id) do nothing`;
  return id;
}

/** Stores a key for an account (given, or new) and returns its secret: the only time it is visible. */
export async function createApiKey(
  sql: Sql,
  accountId: string,
  options: { mode?: 'test' | 'live'; scopes?: readonly ApiKeyScope[]; secret?: string } = {},
): Promise<{ id: string; secret: string }> {
  const mode = options.mode ?? 'test';
  const secret = options.secret ?? `sk_${mode}_${randomToken(32)}`;
  const id = newId('key');
  const scopes = [...(options.scopes ?? API_KEY_SCOPES)];
  // A given secret may be provisioned by several nodes starting at once: the first one wins.
  await sql`insert into api_keys (id, account_id, hash, mode, last4, scopes)
    values (${id}, ${accountId}, ${hashSecret(secret)}, ${mode}, ${secret.slice(-4)}, ${scopes})
    on conflict (hash) do nothing`;
  return { id, secret };
}

/** Finds the key a secret belongs to, or `null`. */
export async function findApiKey(sql: Sql, secret: string): Promise<ApiKey | null> {
  const [row] = await sql<
    { id: string; account_id: string; mode: 'test' | 'live'; scopes: ApiKeyScope[]; revoked: boolean }[]
  >`
    select id, account_id, mode, scopes,
      (revoked_at is not null and revoked_at <= now()) or (expires_at is not null and expires_at <= now()) as revoked
    from api_keys where hash = ${hashSecret(secret)}`;
  if (row === undefined) return null;
  return { id: row.id, accountId: row.account_id, mode: row.mode, scopes: row.scopes, revoked: row.revoked };
}

/**
 * Makes sure a secret key exists (POKERROOM_BOOTSTRAP_KEY), with its own account, so a deployment
 * can be scripted without a signup step. Idempotent.
 */
export async function ensureBootstrapKey(sql: Sql, secret: string): Promise<void> {
  if ((await findApiKey(sql, secret)) !== null) return;
  const accountId = await createAccount(sql, 'Bootstrap account', `acct_${hashSecret(secret).slice(0, 16)}`);
  const mode = secret.startsWith('sk_live_') ? 'live' : 'test';
  await createApiKey(sql, accountId, { mode, secret });
}

/** Reads a server-wide secret, creating it on first use. Every node reads the same value. */
export async function serverSecret(sql: Sql, name: string): Promise<string> {
  const fresh = randomBytes(32).toString('base64url');
  await sql`insert into server_secrets (name, value) values (${name}, ${fresh}) on conflict (name) do nothing`;
  const [row] = await sql<{ value: string }[]>`select value from server_secrets where name = ${name}`;
  if (row === undefined) throw new Error(`server secret ${name} could not be stored`);
  return row.value;
}
