import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrate.js';
import { createTestDatabase } from '../support/test-server.js';

for (const kind of ['embedded', 'postgres'] as const) {
  describe(`row names on ${kind} storage`, () => {
    let db: Database;
    let cleanup: () => Promise<void> = async () => {};

    beforeAll(async () => {
      if (kind === 'embedded') {
        const dataDir = mkdtempSync(join(tmpdir(), 'pokerroom-row-names-'));
        db = await openDatabase({ url: null, dataDir });
        cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
      } else {
        const database = await createTestDatabase();
        db = await openDatabase({ url: database.url, dataDir: '' });
        cleanup = database.drop;
      }
      await migrate(db.sql);
    }, 60_000);

    afterAll(async () => {
      await db?.close();
      await cleanup();
    });

    it('reads columns and aliases camelCase, and writes the camelCase keys of sql(object) to snake_case columns', async () => {
      const { sql } = db;
      await sql`insert into accounts ${sql({ id: `acct_rows_${kind}`, name: 'Rows', planOverride: 'payg' })}`;
      const [row] = await sql`select id, plan_override, created_at, name as account_name
        from accounts where id = ${`acct_rows_${kind}`}`;
      expect(Object.keys(row ?? {})).toEqual(['id', 'planOverride', 'createdAt', 'accountName']);
      expect(row?.planOverride).toBe('payg');
    });

    it('keeps the keys inside json values as stored, even ones no camelCase renaming survives', async () => {
      const { sql } = db;
      const stored = { participantId: 'p_1', snake_key: 1, trailing_: 2, nested: [{ inner_key: true }] };
      const [row] = await sql`select ${sql.json(stored)}::jsonb as payload`;
      expect(row?.payload).toEqual(stored);
    });
  });
}
