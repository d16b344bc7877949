import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/app.js';
import { loadConfig } from '../../src/ops/config.js';
import { connectPostgres } from '../../src/storage/database.js';
import { createTestDatabase } from '../support/test-server.js';

const KEY = 'sk_test_errorLogsTestKey0000000000000000';
const USER = 'jane.doe@example.com';
const lines: string[] = [];
let server: RunningServer;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'pokerroom-logs-'));
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    POKERROOM_DATA_DIR: dataDir,
    POKERROOM_BOOTSTRAP_KEY: KEY,
    POKERROOM_DRAIN_MS: '0',
  });
  server = await startServer(config, { logger: pino({ level: 'error' }, sink) });
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('5xx logs', () => {
  it('name the route template, never the path that holds an externalUserId', async () => {
    // Break storage under the export so that it fails with a 500 the way a bug would.
    const sql = connectPostgres(database.url, { max: 1 });
    await sql`alter table participants rename to participants_away`;
    try {
      const response = await fetch(`${server.url}/v1/users/${encodeURIComponent(USER)}/export`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      expect(response.status).toBe(500);
      expect(((await response.json()) as { code: string }).code).toBe('internal');
    } finally {
      await sql`alter table participants_away rename to participants`;
      await sql.end();
    }
    const failed = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'request failed');
    expect(failed?.route).toBe('GET /v1/users/{externalUserId}/export');
    const text = lines.join('\n');
    expect(text).not.toContain('jane.doe');
    expect(text).not.toContain(encodeURIComponent(USER));
    expect(text).not.toContain(KEY);
  });
});
