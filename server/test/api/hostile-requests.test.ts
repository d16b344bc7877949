import { connect } from 'node:net';
import { ERROR_CODES, isErrorCode } from '@pokerroom/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/api/openapi-document.js';
import { type StorageKind, startTestServer, type TestServer } from '../support/test-server.js';

/** What a raw request got back, with the problem body parsed when there is one. */
interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly problem: { code: string; detail: string; status: number } | null;
}

/** Sends a request as is (no contract check: several of these paths are not in the contract). */
async function send(
  server: TestServer,
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; key?: string | null } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? server.key : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${server.url}${path}`, { method, headers, body: options.body ?? null });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const problem = type.startsWith('application/problem+json') && text !== '' ? JSON.parse(text) : null;
  return { status: response.status, headers: response.headers, text, problem };
}

/** Expects a problem+json answer with this status and code, its detail matching. */
function expectProblem(answer: Answer, status: number, code: string, detail?: RegExp): void {
  expect({ status: answer.status, code: answer.problem?.code }).toEqual({ status, code });
  expect(answer.problem?.status).toBe(status);
  if (detail !== undefined) expect(answer.problem?.detail).toMatch(detail);
}

/** Sends raw bytes on one keep-alive connection and returns everything the server wrote back. */
function rawExchange(server: TestServer, request: string, responses: number): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      // The last response is a small JSON body: it is complete at its closing brace.
      const answered = (received.match(/HTTP\/1\.1 \d{3}/g) ?? []).length;
      if (answered >= responses && received.trimEnd().endsWith('}')) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.write(request);
  });
}

const NUL = '\u0000';
const LONE = '\ud800';

describe.each<StorageKind>(['embedded', 'postgres'])('hostile REST requests on %s storage', (storage) => {
  let server: TestServer;
  let roomId: string;

  beforeAll(async () => {
    server = await startTestServer(storage);
    roomId = (await server.createRoom({ name: 'Target' })).id;
  });

  afterAll(async () => {
    await server?.destroy();
  });

  describe('text PostgreSQL refuses is refused at the boundary, naming the field', () => {
    it('a NUL in a room name answers 400, not 500', async () => {
      const answer = await send(server, 'POST', '/v1/rooms', { body: JSON.stringify({ name: `a${NUL}b` }) });
      expectProblem(answer, 400, 'invalid_request', /^name: must not contain NUL/);
    });

    it('a lone surrogate in a room name answers 400, not 500', async () => {
      const answer = await send(server, 'PATCH', `/v1/rooms/${roomId}`, {
        body: JSON.stringify({ name: `x${LONE}` }),
      });
      expectProblem(answer, 400, 'invalid_request', /^name: must be valid Unicode/);
    });

    it('a NUL in a story title answers 400, not a retryable 503', async () => {
      const answer = await send(server, 'POST', `/v1/rooms/${roomId}/stories`, {
        body: JSON.stringify({ title: `t${NUL}` }),
      });
      expectProblem(answer, 400, 'invalid_request', /^title: must not contain NUL/);
      expect(answer.problem).toMatchObject({ retryable: false });
    });

    it('a NUL deep in an imported story names its place', async () => {
      const answer = await send(server, 'POST', `/v1/rooms/${roomId}/stories/import`, {
        body: JSON.stringify({ stories: [{ title: 'fine' }, { title: 'ok', description: `d${NUL}` }] }),
      });
      expectProblem(answer, 400, 'invalid_request', /^stories\.1\.description: must not contain NUL/);
    });

    it('a NUL or a lone surrogate in a participant name answers 400, not 500', async () => {
      for (const name of [`Ada${NUL}`, `Ada${LONE}`]) {
        const answer = await send(server, 'POST', `/v1/rooms/${roomId}/tokens`, {
          body: JSON.stringify({ name }),
        });
        expectProblem(answer, 400, 'invalid_request', /^name: /);
      }
    });

    it('a NUL in an externalUserId in the path answers 400, not 500', async () => {
      expectProblem(
        await send(server, 'GET', '/v1/users/u%00x/export'),
        400,
        'invalid_request',
        /^externalUserId: must not contain NUL/,
      );
      expectProblem(
        await send(server, 'DELETE', '/v1/users/u%00x'),
        400,
        'invalid_request',
        /^externalUserId: must not contain NUL/,
      );
    });

    it('a NUL in a query parameter answers 400 naming it', async () => {
      expectProblem(
        await send(server, 'GET', '/v1/rooms?cursor=%00'),
        400,
        'invalid_request',
        /^cursor: must not contain NUL/,
      );
    });

    it('nothing of the refused requests was stored, and the room still works', async () => {
      const room = await send(server, 'GET', `/v1/rooms/${roomId}`);
      expect(room.status).toBe(200);
      expect(JSON.parse(room.text)).toMatchObject({ name: 'Target', stories: [] });
    });
  });

  describe('HTTP edges', () => {
    it('HEAD to an unknown path answers 404 without a body, so keep-alive stays in step', async () => {
      const text = await rawExchange(
        server,
        'HEAD /nothing-here HTTP/1.1\r\nHost: test\r\n\r\nGET /healthz HTTP/1.1\r\nHost: test\r\n\r\n',
        2,
      );
      const [head, rest] = text.split(/\r\n\r\n/, 2);
      expect(head).toMatch(/^HTTP\/1\.1 404 /);
      expect(head).toMatch(/content-type: application\/problem\+json/i);
      // The next bytes after HEAD's headers are the next response, not a body.
      expect(rest).toMatch(/^HTTP\/1\.1 200 /);
      expect(text.trimEnd().endsWith('{"status":"ok"}')).toBe(true);
    });

    it('HEAD to a GET route answers its status and length without the body', async () => {
      const get = await send(server, 'GET', '/healthz', { key: null });
      const head = await send(server, 'HEAD', '/healthz', { key: null });
      expect(head.status).toBe(200);
      expect(head.text).toBe('');
      expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(get.text)));
      const rooms = await send(server, 'HEAD', '/v1/rooms');
      expect([rooms.status, rooms.text]).toEqual([200, '']);
    });

    it('an unmatched route answers problem+json not_found, not about:blank JSON', async () => {
      const answer = await send(server, 'GET', '/v1/nothing');
      expectProblem(answer, 404, 'not_found');
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer.text).type).toBe('https://docs.pokerroom.dev/errors#not_found');
    });

    it('a wrong method on a known path answers 405 method_not_allowed with Allow, not 404', async () => {
      const put = await send(server, 'PUT', '/v1/rooms', { body: '{}' });
      expectProblem(put, 405, 'method_not_allowed');
      expect(put.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
      const del = await send(server, 'DELETE', '/healthz', { key: null });
      expectProblem(del, 405, 'method_not_allowed');
      expect(del.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      const post = await send(server, 'POST', `/v1/rooms/${roomId}`, { body: '{}' });
      expect(post.headers.get('allow')).toBe('GET, HEAD, PATCH, DELETE, OPTIONS');
      // The WebSocket path takes an upgrade (GET) only.
      const head = await send(server, 'HEAD', '/v1/ws', { key: null });
      expect([head.status, head.headers.get('allow'), head.text]).toEqual([405, 'GET, OPTIONS', '']);
    });

    it('OPTIONS (a CORS preflight too) answers 204 with Allow and no CORS grant on the REST API', async () => {
      const answer = await send(server, 'OPTIONS', '/v1/rooms', {
        key: null,
        headers: {
          origin: 'https://elsewhere.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(answer.status).toBe(204);
      expect(answer.text).toBe('');
      expect(answer.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expectProblem(await send(server, 'OPTIONS', '/nothing-here', { key: null }), 404, 'not_found');
    });

    it('an unknown method such as PROPFIND leaves the server answering', async () => {
      const text = await rawExchange(server, 'PROPFIND /v1/rooms HTTP/1.1\r\nHost: test\r\n\r\n', 0);
      // uWebSockets.js closes such a connection before any route runs (see docs/rest-api.md).
      expect(text).toBe('');
      expect((await send(server, 'GET', '/healthz', { key: null })).status).toBe(200);
    });

    it('a repeated limit, closed or cursor is refused alike, naming it', async () => {
      for (const query of ['limit=1&limit=100', 'closed=true&closed=false', 'cursor=a&cursor=b']) {
        const name = query.split('=')[0] ?? '';
        expectProblem(
          await send(server, 'GET', `/v1/rooms?${query}`),
          400,
          'invalid_request',
          new RegExp(`^${name}: given more than once`),
        );
      }
    });

    it('a REST body over the size limit answers body_too_large, not frame_too_large', async () => {
      const answer = await send(server, 'POST', '/v1/rooms', {
        body: JSON.stringify({ name: 'x'.repeat(300 * 1024) }),
      });
      expectProblem(answer, 413, 'body_too_large', /262144 bytes/);
    });

    it('a test key creating a live key answers key_mode_mismatch, not scope_missing', async () => {
      const answer = await send(server, 'POST', '/v1/keys', { body: JSON.stringify({ mode: 'live' }) });
      expectProblem(answer, 403, 'key_mode_mismatch', /test key cannot create live keys/);
    });

    it('takes no body where the contract marks the body optional', async () => {
      const spec = buildOpenApiDocument() as {
        paths: Record<string, Record<string, { requestBody?: { required: boolean } }>>;
      };
      expect(spec.paths['/v1/rooms']?.post?.requestBody?.required).toBe(false);
      expect(spec.paths['/v1/keys/{keyId}/rotate']?.post?.requestBody?.required).toBe(false);
      expect(spec.paths['/v1/rooms/{roomId}/tokens']?.post?.requestBody?.required).toBe(true);
      const room = await send(server, 'POST', '/v1/rooms', { headers: {} });
      expect(room.status).toBe(201);
      const key = JSON.parse((await send(server, 'POST', '/v1/keys', { body: '{}' })).text) as { id: string };
      const rotated = await send(server, 'POST', `/v1/keys/${key.id}/rotate`);
      expect(rotated.status).toBe(201);
    });

    it('every error of these answers is a known code with its own status', async () => {
      for (const [method, path] of [
        ['GET', '/nope'],
        ['PATCH', '/healthz'],
        ['GET', '/v1/rooms?limit=1&limit=1'],
      ] as const) {
        const answer = await send(server, method, path);
        const code = answer.problem?.code;
        expect(isErrorCode(code)).toBe(true);
        if (isErrorCode(code)) expect(answer.status).toBe(ERROR_CODES[code].status);
      }
    });
  });
});
