import { randomBytes } from 'node:crypto';
import { newId } from '../identity/ids.js';
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

/** Creates an account. */
export async function createAccount(sql: Sql, name: string, id = newId('acct')): Promise<string> {
  await sql`insert into accounts (id, name) values (${id}, ${name}) on conflict (id) do nothing`;
  return id;
}

/** Reads a server-wide secret, creating it on first use. Every node reads the same value. */
export async function serverSecret(sql: Sql, name: string): Promise<string> {
  const fresh = randomBytes(32).toString('base64url');
  await sql`insert into server_secrets (name, value) values (${name}, ${fresh}) on conflict (name) do nothing`;
  const [row] = await sql<{ value: string }[]>`select value from server_secrets where name = ${name}`;
  if (row === undefined) throw new Error(`server secret ${name} could not be stored`);
  return row.value;
}
