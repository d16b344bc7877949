import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectPostgres, type Sql } from '../../src/storage/database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { checkResponse } from './contract.js';

// 100,000 votes, inserted in SQL: the CSV history must stream them through a cursor, not build
// the file in memory. The proof: the first bytes arrive while the database query is still open.
const ROUNDS = 1000;
const VOTERS = 100;

let server: TestServer;
let sql: Sql;
let roomId: string;

beforeAll(async () => {
  server = await startTestServer('postgres');
  sql = connectPostgres(server.config.databaseUrl ?? '', { max: 1 });
  const response = await fetch(`${server.url}/v1/rooms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
    body: '{}',
  });
  roomId = ((await response.json()) as { id: string }).id;
  await sql`insert into participants (room_id, id, name, role)
    select ${roomId}, 'p_' || i, 'Voter ' || i, 'voter' from generate_series(1, ${VOTERS}) i`;
  await sql`insert into rounds (room_id, id, anonymous, started_at, revealed_at, estimate)
    select ${roomId}, 'round_' || lpad(r::text, 5, '0'), false, now() + r * interval '1 second',
      now() + r * interval '1 second', '5' from generate_series(1, ${ROUNDS}) r`;
  await sql`insert into votes (room_id, round_id, participant_id, card, cast_at)
    select ${roomId}, 'round_' || lpad(r::text, 5, '0'), 'p_' || i, (i % 8)::text, now()
    from generate_series(1, ${ROUNDS}) r, generate_series(1, ${VOTERS}) i`;
}, 60_000);

afterAll(async () => {
  await sql?.end();
  await server?.destroy();
});

it('streams 100,000 votes as CSV while the query is still running', async () => {
  const response = await fetch(`${server.url}/v1/rooms/${roomId}/history`, {
    headers: { authorization: `Bearer ${server.key}`, accept: 'text/csv' },
  });
  expect(
    checkResponse(
      'GET',
      `/v1/rooms/${roomId}/history`,
      response.status,
      response.headers.get('content-type'),
      '',
    ),
  ).toEqual([]);
  expect(response.headers.get('transfer-encoding')).toBe('chunked');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const first = await reader.read();
  expect(first.done).toBe(false);
  // The reader is paused: the server must be holding its cursor open, not done with the query.
  const running = await sql<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and query ilike '%from votes v%'`;
  expect(running[0]?.n).toBe(1);

  const decoder = new TextDecoder();
  let text = decoder.decode(first.value, { stream: true });
  let lines = 0;
  let chunks = 1;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks++;
    text += decoder.decode(value, { stream: true });
    const cut = text.lastIndexOf('\r\n');
    if (cut >= 0) {
      lines += text.slice(0, cut + 2).split('\r\n').length - 1;
      text = text.slice(cut + 2);
    }
  }
  const rest = text + decoder.decode();
  lines += rest === '' ? 0 : rest.split('\r\n').length;
  expect(lines).toBe(ROUNDS * VOTERS + 1);
  expect(chunks).toBeGreaterThan(10);
}, 60_000);

it('lets go of the query when the client goes away mid-stream', async () => {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/v1/rooms/${roomId}/history`, {
    headers: { authorization: `Bearer ${server.key}`, accept: 'text/csv' },
    signal: controller.signal,
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  await reader.read();
  controller.abort();
  await expect(reader.read()).rejects.toThrow();
  await expect
    .poll(
      async () =>
        (
          await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and query ilike '%from votes v%'`
        )[0]?.n,
      { timeout: 10_000 },
    )
    .toBe(0);
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
});
