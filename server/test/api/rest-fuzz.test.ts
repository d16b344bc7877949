import { ERROR_CODES, isErrorCode } from '@pokerroom/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/api/operations.js';
import { type StorageKind, startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Hostile REST requests against a running server: every answer is below 500, HEAD answers carry no
 * body, and every error is problem+json with a known code and that code's status. Runs per storage
 * come from POKERROOM_FUZZ_REST_RUNS (default 600, a fast version for `npm test`).
 */
const RUNS = Number(process.env.POKERROOM_FUZZ_REST_RUNS ?? 600);
const POOL_SIZE = Math.max(2, Math.ceil(RUNS / 150)); // each key bursts 200 requests

const EXTRA_PATHS = [
  '/',
  '/element.js',
  '/demo/rooms',
  '/demo/rooms/{roomId}/join',
  '/v1/ws',
  '/v1',
  '/nothing/{roomId}',
];
const TEMPLATES = [...new Set([...OPERATIONS.map((op) => op.path), ...EXTRA_PATHS])];

const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '💥',
  '\u202eevil',
  '',
  ' ',
  'x'.repeat(300),
  '../..',
  '<script>alert(1)</script>',
  "'; drop table rooms; --",
  '9'.repeat(40),
  '-1',
  'true',
];

const text = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ maxLength: 24 }),
);

/** Percent-encodes what can be; a lone surrogate becomes the bytes UTF-8 would never produce. */
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
};

const RAW_SEGMENTS = ['%00', '%ED%A0%80', '%E0%A4%A', '%FF', '%', '%2F', '%2e%2e'];

const bodyOf = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        name: text,
        title: text,
        description: text,
        externalId: text,
        externalUserId: text,
        role: fc.constantFrom('voter', 'observer', 'facilitator', 'admin'),
        mode: fc.constantFrom('test', 'live', 'x'),
        ttlSeconds: fc.oneof(fc.integer(), fc.double()),
        stories: fc.array(fc.record({ title: text, description: text }, { requiredKeys: [] }), {
          maxLength: 3,
        }),
        storyIds: fc.array(text, { maxLength: 3 }),
        deck: fc.oneof(
          fc.constantFrom('fibonacci', 'nope'),
          fc.record({ kind: text, cards: fc.array(text) }),
        ),
        settings: fc.dictionary(text, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
        url: text,
        eventTypes: fc.array(text, { maxLength: 2 }),
        gracePeriodSeconds: fc.integer({ min: -10, max: 10_000_000 }),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.constantFrom('{', '[1,2]', 'null', '"x"', '{"name":', '\u0000', '{"__proto__":{"x":1}}'),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(JSON.stringify({ name: 'x'.repeat(300 * 1024) })),
);

describe.each<StorageKind>(['embedded', 'postgres'])('REST fuzz on %s storage', (storage) => {
  let server: TestServer;
  let roomId: string;
  let storyId: string;
  let spareKeyId: string;
  const pool: string[] = [];
  const statuses = new Map<string, number>();

  beforeAll(async () => {
    server = await startTestServer(storage);
    roomId = (await server.createRoom({ name: 'Fuzzed' })).id;
    const auth = { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' };
    const story = await fetch(`${server.url}/v1/rooms/${roomId}/stories`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: 'Target story' }),
    });
    storyId = ((await story.json()) as { id: string }).id;
    for (let i = 0; i <= POOL_SIZE; i++) {
      const created = await fetch(`${server.url}/v1/keys`, { method: 'POST', headers: auth, body: '{}' });
      const key = (await created.json()) as { id: string; secret: string };
      if (i === 0) spareKeyId = key.id;
      else pool.push(key.secret);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.destroy();
  });

  it(`answers ${RUNS} hostile requests without a 5xx, each error problem+json with its code`, async () => {
    const segment = fc.oneof(
      fc.constantFrom(roomId, storyId, spareKeyId, 'room_nope', ...RAW_SEGMENTS),
      text.map(encode),
    );
    // Mostly an operation's own method, so requests get past routing into auth, schemas and storage.
    const target = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom(...OPERATIONS).map((op) => ({
          method: op.method.toUpperCase(),
          template: op.path,
        })),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          method: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'HEAD', 'OPTIONS'),
          template: fc.constantFrom(...TEMPLATES),
        }),
      },
    );
    const request = fc.record({
      target,
      segments: fc.array(segment, { minLength: 3, maxLength: 3 }),
      query: fc.array(
        fc.tuple(
          fc.constantFrom('limit', 'cursor', 'closed', 'from', 'to', 'token', 'x', ''),
          fc.oneof(text.map(encode), fc.constantFrom('1', '100', '0', 'true', '%00', '%FF')),
        ),
        { maxLength: 4 },
      ),
      body: fc.option(bodyOf, { nil: undefined }),
      contentType: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        undefined,
      ),
      auth: fc.oneof(
        { weight: 4, arbitrary: fc.nat({ max: pool.length - 1 }).map((i) => `Bearer ${pool[i]}`) },
        fc.constantFrom(undefined, 'Bearer sk_test_000000000000000000000000', 'Basic eDp5', 'Bearer'),
      ),
      idempotencyKey: fc.option(fc.stringMatching(/^[\x20-\x7e]{0,300}$/), { nil: undefined }),
    });

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const { method, template } = r.target;
        let i = 0;
        const path = template.replace(/\{\w+\}/g, () => r.segments[i++] ?? 'x');
        const query = r.query.map(([name, value]) => `${name}=${value}`).join('&');
        const headers: Record<string, string> = {};
        if (r.auth !== undefined) headers.authorization = r.auth;
        if (r.contentType !== undefined) headers['content-type'] = r.contentType;
        if (r.idempotencyKey !== undefined && r.idempotencyKey.trim() !== '')
          headers['idempotency-key'] = r.idempotencyKey;
        const sendsBody = r.body !== undefined && method !== 'GET' && method !== 'HEAD';
        const response = await fetch(`${server.url}${path}${query === '' ? '' : `?${query}`}`, {
          method,
          headers,
          body: sendsBody ? (r.body as BodyInit) : null,
        });
        const body = await response.text();
        const where = `${method} ${path} → ${response.status} ${body.slice(0, 200)}`;
        if (method === 'HEAD') expect(body, where).toBe('');
        // An unbuilt element bundle is the one deliberate 5xx: a script that says how to build it.
        const unbuilt = response.headers.get('x-pokerroom-error') === 'element bundle missing';
        const tally = unbuilt ? 'unbuilt bundle' : String(response.status);
        statuses.set(tally, (statuses.get(tally) ?? 0) + 1);
        if (unbuilt) return;
        expect(response.status, where).toBeLessThan(500);
        if (response.status < 400 || method === 'HEAD') return;
        expect(response.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
        const problem = JSON.parse(body) as { code: unknown; status: unknown };
        expect(isErrorCode(problem.code), where).toBe(true);
        if (isErrorCode(problem.code)) {
          expect([problem.status, response.status], where).toEqual([
            ERROR_CODES[problem.code].status,
            ERROR_CODES[problem.code].status,
          ]);
        }
      }),
      { numRuns: RUNS },
    );

    // The server still serves, and the fuzzed room still reads back.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const room = await fetch(`${server.url}/v1/rooms/${roomId}`, {
      headers: { authorization: `Bearer ${server.key}` },
    });
    expect(room.status).toBe(200);
    console.log(
      `REST fuzz on ${storage}: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a.localeCompare(b))))}`,
    );
  }, 600_000);
});
