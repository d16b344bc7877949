import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/database.js';
import { openTestStorage, STORAGE_KINDS } from '../support/storage.js';

for (const kind of STORAGE_KINDS) {
  describe(`row names on ${kind} storage`, () => {
    let db: Database;
    let drop: () => Promise<void> = async () => {};

    beforeAll(async () => {
      ({ db, drop } = await openTestStorage(kind));
    }, 60_000);

    afterAll(async () => {
      await drop();
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
