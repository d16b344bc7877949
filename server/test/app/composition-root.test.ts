import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/app.js';
import { InProcessBus } from '../../src/bus/bus.js';
import { loadConfig } from '../../src/ops/config.js';
import { createLogger } from '../../src/ops/logger.js';
import { openDatabase } from '../../src/storage/database.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { createTestDatabase } from '../support/test-server.js';

const KEY = 'sk_test_compositionRootKey000000000000';
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('the composition root', () => {
  it('runs on the database, bus and clock it is given, and leaves the database open when it stops', async () => {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const dataDir = mkdtempSync(join(tmpdir(), 'pokerroom-root-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const db = await openDatabase({ url: database.url, dataDir });
    cleanups.push(() => db.close());
    let closedBus = false;
    const bus = new (class extends InProcessBus {
      override async close(): Promise<void> {
        closedBus = true;
      }
    })();
    const at = Date.parse('2030-01-02T03:04:05Z');
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      POKERROOM_DATA_DIR: dataDir,
      POKERROOM_BOOTSTRAP_KEY: KEY,
      POKERROOM_DRAIN_MS: '0',
    });
    const server = await startServer(config, {
      logger: createLogger('silent'),
      database: db,
      bus,
      clock: () => at,
    });
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as Record<string, string>;
    };
    const room = await post('/v1/rooms', { name: 'Given clock' });
    const minted = await post(`/v1/rooms/${room.id}/tokens`, { name: 'Ada', role: 'facilitator' });
    const client = await ProtocolClient.connect(minted.wsUrl ?? '', minted.token ?? '');
    // The opening round was started by the room's clock, which is the one given.
    expect(client.welcome.room.round?.startedAt).toBe(at);
    await client.close();
    await server.stop();

    expect(closedBus).toBe(false);
    const [row] = await db.sql<{ rooms: number }[]>`select count(*)::int as rooms from rooms`;
    expect(row?.rooms).toBe(1);
  });
});
