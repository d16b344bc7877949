import postgres from 'postgres';
import { type ApiKeyScope, createAccount, createApiKey } from '../../src/storage/accounts.js';
import { ProtocolClient } from '../support/protocol-client.js';
import type { TestServer } from '../support/test-server.js';
import { ApiClient } from './api-client.js';

/** One server for the whole API suite, with helpers to make accounts and join rooms. */
export interface ApiFixture {
  readonly server: TestServer;
  /** The bootstrap account's client. */
  readonly api: ApiClient;
  /** A direct connection to the server's database, for setup and checks. */
  readonly sql: postgres.Sql;
  /** A fresh account with one key (every scope unless given) and its client. */
  newAccount(scopes?: readonly ApiKeyScope[]): Promise<{ accountId: string; api: ApiClient }>;
  /** Joins a room over the WebSocket with a token minted through the API. */
  join(roomId: string, name: string, role?: 'facilitator' | 'voter' | 'observer'): Promise<ProtocolClient>;
  /** Closes every socket opened by `join`. */
  closeAll(): Promise<void>;
}

export function createFixture(server: TestServer): ApiFixture {
  if (server.config.databaseUrl === null) throw new Error('the API suite runs on PostgreSQL');
  const sql = postgres(server.config.databaseUrl, { max: 2, onnotice: () => {} });
  const api = new ApiClient(server.url, server.key);
  const sockets: ProtocolClient[] = [];
  return {
    server,
    api,
    sql,
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
