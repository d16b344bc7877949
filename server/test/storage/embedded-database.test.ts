import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrate.js';
import { embeddedDataDir } from '../support/embedded-data-dir.js';

describe('embedded storage (PGlite over its socket)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pokerroom-embedded-'));
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ url: null, dataDir });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs with a 32MB buffer pool and keeps PGlite’s other start parameters', async () => {
    // The pool is resident in the server's own memory from the start (128MB by default).
    const [buffers] = await db.sql<{ sharedBuffers: string }[]>`show shared_buffers`;
    expect(buffers?.sharedBuffers).toBe('32MB');
    const [path] = await db.sql<{ searchPath: string }[]>`show search_path`;
    expect(path?.searchPath).toBe('public');
    expect(db.kind).toBe('embedded');
  });
});

describe("a test's data directory copied from the run's template", () => {
  const dataDir = embeddedDataDir('pokerroom-embedded-copy-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('holds a database made by a first start, which opens without initdb and migrates', async () => {
    // initdb leaves PG_VERSION: a copy of the template has it before anything opens the directory.
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    const db = await openDatabase({ url: null, dataDir });
    try {
      await migrate(db.sql);
      const [row] = await db.sql<{ count: number }[]>`select count(*)::int as count from accounts`;
      expect(row?.count).toBe(0);
    } finally {
      await db.close();
    }
  });
});
