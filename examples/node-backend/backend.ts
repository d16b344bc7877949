/**
 * A minimal integrating backend: it keeps the secret key on the server, creates a room with
 * @pokerroom/node, and gives each visitor a page with the <poker-room> element and a fresh
 * participant token. How to run it: see README.md in this folder.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PokerRoom } from '@pokerroom/node';

/** What the example needs. */
export interface BackendOptions {
  /** The Poker Room service, e.g. `http://localhost:8080`. */
  readonly pokerRoomUrl: string;
  readonly secretKey: string;
  /** The port to listen on; 0 picks a free one. */
  readonly port?: number;
}

/** A running example backend. */
export interface Backend {
  readonly url: string;
  readonly roomId: string;
  close(): Promise<void>;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function page(server: string, token: string): string {
  // The element comes from the Poker Room server, which serves its browser bundle at /element.js.
  const element = new URL('/element.js', server).href;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Estimation</title>
    <script type="module" src="${escapeHtml(element)}"></script>
  </head>
  <body>
    <main>
      <h1>Team estimation</h1>
      <poker-room server="${escapeHtml(server)}" token="${escapeHtml(token)}"></poker-room>
    </main>
  </body>
</html>
`;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) throw new Error('body too large');
  }
  const value: unknown = text === '' ? {} : JSON.parse(text);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The visitor's id from their cookie, or a new one (then `fresh`). */
function visitorOf(req: IncomingMessage): { id: string; fresh: boolean } {
  const cookie = /(?:^|;\s*)visitor=([A-Za-z0-9_-]{16,64})/.exec(req.headers.cookie ?? '');
  return cookie?.[1] === undefined ? { id: randomUUID(), fresh: true } : { id: cookie[1], fresh: false };
}

const nameOf = (value: unknown, fallback: string) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 64) : fallback;

/**
 * Allows any origin to fetch tokens, so a page served elsewhere (`examples/html` with
 * `tokenUrl=`) can use this endpoint. A real backend allows its own front end's origin only, and
 * mints tokens for its signed-in users, never for anyone who asks.
 */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
};

/**
 * Creates the room and serves `/` (the page; `?name=` sets the visitor's name) and
 * `POST /api/token` (a token as JSON, for pages elsewhere).
 */
export async function startBackend(options: BackendOptions): Promise<Backend> {
  const poker = new PokerRoom({ apiKey: options.secretKey, baseUrl: options.pokerRoomUrl });
  const room = await poker.rooms.create({ name: 'Team estimation' });
  // Your users are yours: here the first visitor facilitates and everyone else votes. Each
  // visitor's stable id (a cookie here; your user id in real life) is their `externalUserId`, so a
  // reload rejoins as the same participant, with their vote and their role.
  let facilitator: string | null = null;
  let anonymous = 0;
  const mint = (name: string, userId: string | null) => {
    const who = userId ?? `anonymous-${anonymous++}`;
    facilitator ??= who;
    const role = who === facilitator ? 'facilitator' : 'voter';
    return poker.rooms.mintToken(room.id, {
      name,
      role,
      ...(userId === null ? {} : { externalUserId: userId }),
    });
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const respond = async () => {
      if (req.method === 'GET' && url.pathname === '/') {
        const visitor = visitorOf(req);
        const { token } = await mint(nameOf(url.searchParams.get('name'), 'Guest'), visitor.id);
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          ...(visitor.fresh ? { 'set-cookie': `visitor=${visitor.id}; Path=/; HttpOnly; SameSite=Lax` } : {}),
        });
        res.end(page(options.pokerRoomUrl, token));
      } else if (req.method === 'OPTIONS' && url.pathname === '/api/token') {
        res.writeHead(204, { ...CORS, 'access-control-max-age': '600' });
        res.end();
      } else if (req.method === 'POST' && url.pathname === '/api/token') {
        const body = await readJson(req);
        const { token, expiresAt, wsUrl } = await mint(nameOf(body.name, 'Guest'), null);
        res.writeHead(200, { ...CORS, 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ token, expiresAt, wsUrl, server: options.pokerRoomUrl }));
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found\n');
      }
    };
    respond().catch(() => {
      if (!res.headersSent) res.writeHead(502, { ...CORS, 'content-type': 'text/plain' });
      res.end('the estimation service did not answer\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 3000, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    roomId: room.id,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const secretKey = process.env.POKERROOM_SECRET_KEY;
  if (secretKey === undefined) {
    console.error('Set POKERROOM_SECRET_KEY to the key `npm start` printed (sk_test_…).');
    process.exit(1);
  }
  const backend = await startBackend({
    pokerRoomUrl: process.env.POKERROOM_URL ?? 'http://localhost:8080',
    secretKey,
    port: Number(process.env.PORT ?? 3000),
  });
  console.log(`Example backend on ${backend.url} (room ${backend.roomId})`);
}
