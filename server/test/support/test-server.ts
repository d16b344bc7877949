import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/ops/config.js';
import { createLogger } from '../../src/ops/logger.js';
import { connectPostgres } from '../../src/storage/database.js';
import { embeddedDataDir } from './embedded-data-dir.js';

/** Where the real PostgreSQL of this machine is (CI starts it); tests make a database each. */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Which storage a test server runs on. */
export type StorageKind = 'embedded' | 'postgres';

/** A server started for a test, with helpers that speak its REST API. */
export interface TestServer {
  readonly url: string;
  readonly key: string;
  readonly config: Config;
  readonly server: RunningServer;
  createRoom(body?: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>>;
  mintToken(
    roomId: string,
    body: { name: string; role?: string; externalUserId?: string; ttlSeconds?: number },
  ): Promise<{ token: string; wsUrl: string; participantId: string; expiresAt: string }>;
  /** Stops the server gracefully; storage stays, so `restart` finds the same data. */
  stop(): Promise<void>;
  /** Stops and starts again on the same storage (a new port). */
  restart(): Promise<TestServer>;
  /** Stops and deletes the storage. */
  destroy(): Promise<void>;
}

const KEY = 'sk_test_integrationTestKey000000000000';

/** A fresh, empty database on the machine's PostgreSQL; returns its URL and how to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pokerroom_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = connectPostgres(POSTGRES_ADMIN_URL, { max: 1 });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const sql = connectPostgres(POSTGRES_ADMIN_URL, { max: 1 });
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  };
}

/**
 * Starts a real server on port 0 with its own storage: a temporary PGlite directory, or a new
 * database on the real PostgreSQL. Extra environment variables override the defaults.
 */
export async function startTestServer(
  storage: StorageKind = 'embedded',
  env: Record<string, string> = {},
): Promise<TestServer> {
  // The template's copy only where PGlite will open it: PostgreSQL servers keep an empty directory.
  const embedded = storage === 'embedded' && env.DATABASE_URL === undefined;
  const dataDir = embedded
    ? embeddedDataDir('pokerroom-test-')
    : mkdtempSync(join(tmpdir(), 'pokerroom-test-'));
  // A given DATABASE_URL is shared (several nodes of one cluster): it is neither created nor dropped here.
  const database =
    storage === 'postgres' && env.DATABASE_URL === undefined ? await createTestDatabase() : null;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    POKERROOM_DATA_DIR: dataDir,
    POKERROOM_BOOTSTRAP_KEY: KEY,
    POKERROOM_PRESENCE_GRACE_MS: '200',
    // Tests stop servers all the time; the ones about draining set their own window.
    POKERROOM_DRAIN_MS: '0',
    LOG_LEVEL: 'silent',
    ...(database === null ? {} : { DATABASE_URL: database.url }),
    ...env,
  });
  const cleanup = async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return boot(config, cleanup);
}

async function boot(config: Config, cleanup: () => Promise<void>): Promise<TestServer> {
  const server = await startServer(config, { logger: createLogger('silent') });
  let stopped = false;
  const api = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status !== 201) throw new Error(`POST ${path} → ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const self: TestServer = {
    url: server.url,
    key: KEY,
    config,
    server,
    createRoom: async (body = {}) => (await api('/v1/rooms', body)) as { id: string },
    mintToken: async (roomId, body) =>
      (await api(`/v1/rooms/${roomId}/tokens`, body)) as unknown as Awaited<
        ReturnType<TestServer['mintToken']>
      >,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
    async restart() {
      await self.stop();
      return boot({ ...config, port: 0 }, cleanup);
    },
    async destroy() {
      await self.stop();
      await cleanup();
    },
  };
  return self;
}
