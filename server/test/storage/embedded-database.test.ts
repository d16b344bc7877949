import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/storage/database.js';

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
