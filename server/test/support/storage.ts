import { rmSync } from 'node:fs';
import { type Database, openDatabase } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrate.js';
import { embeddedDataDir } from './embedded-data-dir.js';
import { createTestDatabase } from './test-server.js';

/** The two storages every storage test runs on. */
export const STORAGE_KINDS = ['embedded', 'postgres'] as const;

/**
 * A migrated database of one kind for a test file: embedded PGlite in a temporary directory, or a
 * PostgreSQL database made for the test. `drop` closes it and removes what it made.
 */
export async function openTestStorage(
  kind: (typeof STORAGE_KINDS)[number],
): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === 'embedded') {
    const dataDir = embeddedDataDir('pokerroom-storage-');
    const db = await openDatabase({ url: null, dataDir });
    await migrate(db.sql);
    return {
      db,
      async drop() {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const database = await createTestDatabase();
  const db = await openDatabase({ url: database.url, dataDir: '' });
  await migrate(db.sql);
  return {
    db,
    async drop() {
      await db.close();
      await database.drop();
    },
  };
}
