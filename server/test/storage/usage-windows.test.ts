import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf } from '../../src/storage/active-participants.js';
import type { Database } from '../../src/storage/database.js';
import { closeWindows, markWindowSent, sentPerDay } from '../../src/storage/usage-windows.js';
import { openTestStorage, STORAGE_KINDS } from '../support/storage.js';

const HOUR = 3600_000;
const T0 = Date.UTC(2026, 11, 5, 10, 0, 0);

for (const kind of STORAGE_KINDS) {
  describe(`usage windows on ${kind} storage`, () => {
    let db: Database;
    let drop: () => Promise<void> = async () => {};
    let accountSeq = 0;

    beforeAll(async () => {
      ({ db, drop } = await openTestStorage(kind));
    }, 60_000);

    afterAll(async () => {
      await drop();
    });

    async function newAccount(): Promise<string> {
      const id = `acct_windows_${kind}_${accountSeq++}`;
      await db.sql`insert into accounts (id, name) values (${id}, 'Windows')`;
      return id;
    }

    async function firstJoin(accountId: string, person: string, at: number): Promise<void> {
      await db.sql`insert into active_participants (account_id, month, person, room_id, first_seen_at)
        values (${accountId}, ${monthOf(at)}::date, ${person}, 'room_x', ${new Date(at)})`;
    }

    const close = (now: number) =>
      closeWindows(db.sql, {
        now: new Date(now),
        windowSeconds: 3600,
        identifierOf: (accountId, start) => `${accountId}/${start.getTime()}`,
        billingOf: async () => ({ customerId: 'cus_test' }),
      });

    it('closes an hour only once it has ended, with the first joins of that hour', async () => {
      const account = await newAccount();
      await firstJoin(account, 'a', T0 + 1000);
      await firstJoin(account, 'b', T0 + HOUR - 1);
      await firstJoin(account, 'c', T0 + HOUR + 5);
      expect(await close(T0 + HOUR - 1)).toEqual([]);
      const first = await close(T0 + HOUR + 10);
      expect(first.map((window) => [window.windowStart.getTime(), window.value])).toEqual([[T0, 2]]);
      expect(await close(T0 + HOUR + 20)).toEqual([]);
      const second = await close(T0 + 2 * HOUR);
      expect(second.map((window) => [window.windowStart.getTime(), window.value])).toEqual([[T0 + HOUR, 1]]);
      expect(second[0]?.identifier).toBe(`${account}/${T0 + HOUR}`);
    });

    it('leaves a day out of reconciliation while one of its windows still waits to be sent', async () => {
      const account = await newAccount();
      await firstJoin(account, 'a', T0 + 10);
      await firstJoin(account, 'b', T0 + HOUR + 10);
      const [first] = await close(T0 + HOUR + 20);
      const [second] = await close(T0 + 2 * HOUR + 20);
      if (first === undefined || second === undefined) throw new Error('no window closed');
      const day = async () =>
        (await sentPerDay(db.sql, new Date(T0 - 24 * HOUR))).filter((row) => row.accountId === account);
      // The second hour may already have reached Stripe, its answer lost: not comparable yet.
      await markWindowSent(db.sql, first);
      expect(await day()).toEqual([]);
      await markWindowSent(db.sql, second);
      expect((await day()).map((row) => [row.day.getTime(), row.value, row.customerId])).toEqual([
        [Date.UTC(2026, 11, 5), 2, 'cus_test'],
      ]);
    });

    it('counts a join stored after its hour was closed in the next hour that is not, never twice', async () => {
      const account = await newAccount();
      await firstJoin(account, 'early', T0 + 10);
      await close(T0 + HOUR + 1);
      // Stored late (a commit that took long): its own hour is closed already.
      await firstJoin(account, 'late', T0 + 20);
      expect(await close(T0 + HOUR + 2)).toEqual([]); // no later hour has ended yet: it waits
      const next = await close(T0 + 2 * HOUR + 1);
      expect(next.map((window) => [window.windowStart.getTime(), window.value])).toEqual([[T0 + HOUR, 1]]);
    });

    it('puts every first join in exactly one window, whatever the interleaving of joins and closes', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              fc.record({
                kind: fc.constant('join' as const),
                offset: fc.integer({ min: 0, max: 5 * HOUR }),
              }),
              fc.record({
                kind: fc.constant('close' as const),
                advance: fc.integer({ min: 0, max: 2 * HOUR }),
              }),
            ),
            { maxLength: 25 },
          ),
          async (steps) => {
            const account = await newAccount();
            let now = T0;
            let joined = 0;
            const created = [];
            for (const step of steps) {
              if (step.kind === 'join') {
                // A join is stored at most a little after it happened: never in the future.
                await firstJoin(account, `p${joined++}`, Math.min(now, T0 + step.offset));
              } else {
                now += step.advance;
                const windows = await close(now);
                for (const window of windows) {
                  expect(window.windowStart.getTime() + HOUR).toBeLessThanOrEqual(now);
                }
                created.push(...windows);
              }
            }
            created.push(...(await close(now + 10 * HOUR)));
            expect(created.reduce((sum, window) => sum + window.value, 0)).toBe(joined);
            expect(new Set(created.map((window) => window.identifier)).size).toBe(created.length);
            const [left] = await db.sql<{ n: string }[]>`
              select count(*) as n from active_participants where account_id = ${account} and window_start is null`;
            expect(Number(left?.n)).toBe(0);
            const [wrong] = await db.sql<{ n: string }[]>`
              select count(*) as n from active_participants
              where account_id = ${account} and window_start < date_trunc('hour', first_seen_at)`;
            expect(Number(wrong?.n)).toBe(0);
          },
        ),
        { numRuns: kind === 'embedded' ? 40 : 60 },
      );
    }, 60_000);
  });
}
