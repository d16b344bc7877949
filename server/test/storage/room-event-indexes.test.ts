import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/storage/accounts.js';
import type { Database } from '../../src/storage/database.js';
import { findOwnedRoom, lastConfig } from '../../src/storage/room-listing.js';
import { openTestStorage, STORAGE_KINDS } from '../support/storage.js';

for (const kind of STORAGE_KINDS) {
  describe(`room_events' indexes on ${kind} storage`, () => {
    let db: Database;
    let drop: () => Promise<void> = async () => {};
    const owner = { accountId: `acct_idx_${kind}`, mode: 'test' } as const;
    const roomId = `room_idx_${kind}`;

    beforeAll(async () => {
      ({ db, drop } = await openTestStorage(kind));
      const { sql } = db;
      await createAccount(sql, 'Indexes', owner.accountId);
      await sql`insert into rooms (id, account_id, mode, name) values (${roomId}, ${owner.accountId}, 'test', 'Indexes')`;
      // Three settings changes among many votes; the last one comes before the last votes.
      const events = Array.from({ length: 300 }, (_, index) => {
        const seq = index + 1;
        return seq % 100 === 50
          ? {
              roomId,
              seq,
              type: 'room.updated',
              payload: { settings: { autoReveal: seq > 200 }, change: seq },
            }
          : { roomId, seq, type: 'vote.cast', payload: { participantId: `p_${seq % 7}`, card: '5' } };
      });
      await sql`insert into room_events (room_id, seq, type, payload)
        select e."roomId", e.seq, e.type, e.payload
        from jsonb_to_recordset(${JSON.stringify(events)}::text::jsonb)
          as e("roomId" text, seq int8, type text, payload jsonb)`;
    }, 60_000);

    afterAll(async () => {
      await drop();
    });

    it("keeps a room's settings from its last room.updated, whatever came after it", async () => {
      const room = await findOwnedRoom(db.sql, owner, roomId);
      expect(room?.settings).toEqual({ autoReveal: true });
    });

    it('maintains no index but the primary key when a vote is stored: every other one is partial', async () => {
      const indexes = await db.sql<{ name: string; primary: boolean; partial: boolean }[]>`
        select c.relname as name, i.indisprimary as primary, i.indpred is not null as partial
        from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'room_events'::regclass order by c.relname`;
      expect(indexes).toEqual([
        { name: 'room_events_pkey', primary: true, partial: false },
        { name: 'room_events_room_updated', primary: false, partial: true },
      ]);
    });

    it("finds a room's last room.updated through the partial index", async () => {
      const plan = await db.sql.begin(async (tx) => {
        // A table this small is cheaper to scan: the planner is asked whether the index can serve.
        await tx`set local enable_seqscan = off`;
        await tx`set local enable_bitmapscan = off`;
        return tx<Record<string, string>[]>`explain select ${lastConfig(tx)} as config
          from rooms r where r.id = ${roomId}`;
      });
      expect(plan.flatMap((line) => Object.values(line)).join('\n')).toContain(
        'Index Scan using room_events_room_updated on room_events',
      );
    });
  });
}
