/**
 * What one group commit costs the server process, by the kind of batch it stores: the CPU time of
 * this process (`process.cpuUsage`, all threads) and the wall time per commit, one commit after the
 * other, on a real PostgreSQL (a database of its own) and on embedded PGlite. PostgreSQL's own CPU
 * is not in it: this is the client's side of a commit, which is what a room committing a vote at a
 * time pays per vote.
 *
 * Kinds: one room's batch of one cast vote (the votes-only statement), the same with a presence
 * change beside it (the general transaction), ten rooms' one-vote batches in one commit, and 300
 * rooms' batches of 10 votes in one commit (a commit at the durable votes' maximum; a thirtieth as
 * many commits of it, since each holds 3,000 votes).
 *
 * Environment: COMMITS_N (commits per kind, default 3000), TEST_POSTGRES_URL (admin URL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env } from 'node:process';
import { connectPostgres, openDatabase, type Sql } from '../server/src/storage/database.js';
import type { StoredEvent } from '../server/src/storage/event-store.js';
import { migrate } from '../server/src/storage/migrate.js';
import { commitRoomBatches, type RoomBatch } from '../server/src/storage/room-batch.js';

const COMMITS = Number(env.COMMITS_N ?? 3000);
const ADMIN_URL = env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOMS = 10;
/** The large kind: rooms and votes a room in one commit, as at the durable votes' maximum. */
const LARGE_ROOMS = 300;
const LARGE_VOTES = 10;

const KINDS = [
  'one vote',
  'one vote + presence',
  `${ROOMS} rooms, one vote each`,
  `${LARGE_ROOMS} rooms, ${LARGE_VOTES} votes each`,
] as const;
type Kind = (typeof KINDS)[number];
const isLarge = (kind: Kind) => kind === `${LARGE_ROOMS} rooms, ${LARGE_VOTES} votes each`;

function event(roomId: string, seq: number, type: string, payload: Record<string, unknown>): StoredEvent {
  return { roomId, seq, type, payload, at: Date.now(), roundId: 'round_bench' };
}

/** Rooms of a fresh account, each at seq 0, and a function that commits the next batch of a kind. */
async function prepare(sql: Sql, kind: Kind): Promise<() => Promise<void>> {
  const tag = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  await sql`insert into accounts (id, name) values (${`acct_${tag}`}, 'commits benchmark')`;
  const ids = Array.from(
    {
      length: kind === 'one vote' || kind === 'one vote + presence' ? 1 : isLarge(kind) ? LARGE_ROOMS : ROOMS,
    },
    (_, i) => `room_${tag}_${i}`,
  );
  await sql`insert into rooms ${sql(ids.map((id) => ({ id, accountId: `acct_${tag}`, mode: 'test', name: id })))}`;
  const seqs = new Map(ids.map((id) => [id, 0]));
  let n = 0;
  return async () => {
    n++;
    const batches: RoomBatch[] = ids.map((roomId) => {
      const base = seqs.get(roomId) ?? 0;
      const events = isLarge(kind)
        ? // Ids as long as the server's (a prefix and 16 characters).
          Array.from({ length: LARGE_VOTES }, (_, k) =>
            event(roomId, base + k + 1, 'vote.cast', {
              participantId: `ptc_${'x'.repeat(15)}${k}`,
              card: String((n + k) % 13),
            }),
          )
        : [event(roomId, base + 1, 'vote.cast', { participantId: `p_${n % 10}`, card: String(n % 13) })];
      if (kind === 'one vote + presence') {
        events.push(
          event(roomId, base + 2, 'participant.presence', {
            participantId: `p_${n % 10}`,
            presence: 'online',
          }),
        );
      }
      return { roomId, baseSeq: base, events };
    });
    const results = await commitRoomBatches(sql, batches);
    for (const batch of batches) {
      if (!results.get(batch.roomId)?.ok) throw new Error(`commit of ${batch.roomId} refused`);
      seqs.set(batch.roomId, batch.baseSeq + batch.events.length);
    }
  };
}

async function measure(sql: Sql, kind: Kind): Promise<{ cpu: number; wall: number }> {
  const commit = await prepare(sql, kind);
  const commits = isLarge(kind) ? Math.ceil(COMMITS / 30) : COMMITS;
  for (let i = 0; i < Math.min(500, commits / 6); i++) await commit(); // warm-up: JIT, prepared statements
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < commits; i++) await commit();
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / commits, wall: ((performance.now() - wall0) * 1000) / commits };
}

async function onPostgres(): Promise<Record<Kind, { cpu: number; wall: number }>> {
  const name = `pokerroom_commits_${Date.now().toString(36)}`;
  const admin = connectPostgres(ADMIN_URL, { max: 1 });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const sql = connectPostgres(url.toString(), { max: 4, idle_timeout: 0 });
  try {
    await migrate(sql);
    const figures = {} as Record<Kind, { cpu: number; wall: number }>;
    for (const kind of KINDS) figures[kind] = await measure(sql, kind);
    return figures;
  } finally {
    await sql.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function onEmbedded(): Promise<Record<Kind, { cpu: number; wall: number }>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pokerroom-commits-'));
  const database = await openDatabase({ url: null, dataDir });
  try {
    await migrate(database.sql);
    const figures = {} as Record<Kind, { cpu: number; wall: number }>;
    for (const kind of KINDS) figures[kind] = await measure(database.sql, kind);
    return figures;
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export default async function commits(): Promise<void> {
  const rows: string[] = [];
  for (const [storage, run] of [
    ['PostgreSQL', onPostgres],
    ['embedded (PGlite, in this process)', onEmbedded],
  ] as const) {
    const figures = await run();
    for (const kind of KINDS) {
      const { cpu, wall } = figures[kind];
      rows.push(`| ${storage} | ${kind} | ${cpu.toFixed(0)} µs | ${wall.toFixed(0)} µs |`);
    }
  }
  console.log(
    `${COMMITS} commits per kind (${Math.ceil(COMMITS / 30)} of the largest), one after the other\n`,
  );
  console.log('| storage | batch | process CPU per commit | wall per commit |');
  console.log('| --- | --- | ---: | ---: |');
  for (const row of rows) console.log(row);
  console.log();
}
