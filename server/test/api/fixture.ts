import { type ApiKeyScope, createAccount } from '../../src/storage/accounts.js';
import { createApiKey } from '../../src/storage/api-keys.js';
import { connectPostgres, type Sql } from '../../src/storage/database.js';
import { ProtocolClient } from '../support/protocol-client.js';
import type { StripeProxy } from '../support/stripe-proxy.js';
import type { TestServer } from '../support/test-server.js';
import { ApiClient } from './api-client.js';

/** One server for the whole API suite, with helpers to make accounts and join rooms. */
export interface ApiFixture {
  readonly server: TestServer;
  /** The bootstrap account's client. */
  readonly api: ApiClient;
  /** A direct connection to the server's database, for setup and checks. */
  readonly sql: Sql;
  /** A fresh account with one key (every scope unless given) and its client. */
  newAccount(scopes?: readonly ApiKeyScope[]): Promise<{ accountId: string; api: ApiClient }>;
  /** Joins a room over the WebSocket with a token minted through the API. */
  join(roomId: string, name: string, role?: 'facilitator' | 'voter' | 'observer'): Promise<ProtocolClient>;
  /** What reached Stripe (stripe-mock behind a recording proxy), and its faults. */
  readonly stripe: StripeProxy;
  /** The server's billing settings, for signing webhooks and calling the operator API. */
  readonly billing: typeof BILLING_ENV;
  /** Closes every socket opened by `join`. */
  closeAll(): Promise<void>;
}

/** Billing settings of the API suite's server: Stripe through the proxy, a small free plan. */
export const BILLING_ENV = {
  STRIPE_SECRET_KEY: 'sk_test_apiSuite',
  STRIPE_WEBHOOK_SECRET: 'whsec_apiSuiteSecret',
  STRIPE_PRICE_ID: 'price_apiSuite',
  STRIPE_METER_ID: 'mtr_apiSuite',
  POKERROOM_ADMIN_KEY: 'operator-key-of-the-api-suite-0123456789',
  POKERROOM_FREE_PLAN_LIMIT: '3',
} as const;

export function createFixture(server: TestServer, stripe: StripeProxy): ApiFixture {
  if (server.config.databaseUrl === null) throw new Error('the API suite runs on PostgreSQL');
  const sql = connectPostgres(server.config.databaseUrl, { max: 2 });
  const api = new ApiClient(server.url, server.key);
  const sockets: ProtocolClient[] = [];
  return {
    server,
    api,
    sql,
    stripe,
    billing: BILLING_ENV,
    async newAccount(scopes) {
      const accountId = await createAccount(sql, 'Test account');
      const { secret } = await createApiKey(sql, accountId, scopes === undefined ? {} : { scopes });
      return { accountId, api: new ApiClient(server.url, secret) };
    },
    async join(roomId, name, role = 'voter') {
      const minted = await api.post(`/v1/rooms/${roomId}/tokens`, { name, role });
      const client = await ProtocolClient.connect(minted.body.wsUrl, minted.body.token);
      sockets.push(client);
      return client;
    },
    async closeAll() {
      await Promise.all(sockets.splice(0).map((socket) => socket.close()));
      await sql.end();
    },
  };
}
