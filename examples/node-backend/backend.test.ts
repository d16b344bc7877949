import { afterAll, beforeAll, expect, it } from 'vitest';
import { ProtocolClient } from '../../server/test/support/protocol-client.js';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import { type Backend, startBackend } from './backend.js';

let server: TestServer;
let backend: Backend;

beforeAll(async () => {
  server = await startTestServer('postgres');
  backend = await startBackend({ pokerRoomUrl: server.url, secretKey: server.key, port: 0 });
});

afterAll(async () => {
  await backend?.close();
  await server?.destroy();
});

it('serves a page with the element, its server and a working token', async () => {
  const response = await fetch(`${backend.url}/`);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await response.text();
  expect(html).toContain('<script type="module" src="/element.js"></script>');
  const match = /<poker-room server="([^"]+)" token="([^"]+)"><\/poker-room>/.exec(html);
  expect(match?.[1]).toBe(server.url);
  const token = match?.[2] ?? '';
  const client = await ProtocolClient.connect(`${server.url.replace('http', 'ws')}/v1/ws`, token);
  const welcome = client.messages.find((m) => m.t === 'welcome');
  expect(welcome).toBeDefined();
  await client.close();
});

it('mints tokens as JSON for the visitor’s name', async () => {
  const response = await fetch(`${backend.url}/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ada' }),
  });
  const body = (await response.json()) as { token: string; wsUrl: string; expiresAt: string; server: string };
  expect(body.server).toBe(server.url);
  const client = await ProtocolClient.connect(body.wsUrl, body.token);
  expect(client.messages.some((m) => m.t === 'welcome')).toBe(true);
  const room = await fetch(`${server.url}/v1/rooms/${backend.roomId}`, {
    headers: { authorization: `Bearer ${server.key}` },
  });
  const detail = (await room.json()) as { participants: { name: string }[] };
  expect(detail.participants.map((p) => p.name)).toContain('Ada');
  await client.close();
});
