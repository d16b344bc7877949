/**
 * A minimal integrating backend: it keeps the secret key on the server, creates a room with
 * @pokerroom/node, and gives each visitor a page with the <poker-room> element and a fresh
 * participant token. Run: `POKERROOM_URL=http://localhost:8080 POKERROOM_SECRET_KEY=sk_test_… npm start`
 * in this folder (or `node --import tsx examples/node-backend/backend.ts` from the root).
 */
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
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Estimation</title>
    <script type="module" src="/element.js"></script>
  </head>
  <body>
    <poker-room server="${escapeHtml(server)}" token="${escapeHtml(token)}"></poker-room>
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

/** Creates the room and serves `/` (the page) and `POST /api/token` (a token as JSON). */
export async function startBackend(options: BackendOptions): Promise<Backend> {
  const poker = new PokerRoom({ apiKey: options.secretKey, baseUrl: options.pokerRoomUrl });
  const room = await poker.rooms.create({ name: 'Team estimation' });
  // Your users are yours: here the first visitor facilitates and everyone else votes.
  let visitors = 0;
  const mint = (name: string) =>
    poker.rooms.mintToken(room.id, { name, role: visitors++ === 0 ? 'facilitator' : 'voter' });

  const server: Server = createServer((req, res) => {
    const respond = async () => {
      if (req.method === 'GET' && req.url === '/') {
        const { token } = await mint('Guest');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(page(options.pokerRoomUrl, token));
      } else if (req.method === 'POST' && req.url === '/api/token') {
        const body = await readJson(req);
        const name =
          typeof body.name === 'string' && body.name.trim() !== '' ? body.name.trim().slice(0, 64) : 'Guest';
        const { token, expiresAt, wsUrl } = await mint(name);
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ token, expiresAt, wsUrl, server: options.pokerRoomUrl }));
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found\n');
      }
    };
    respond().catch(() => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('the estimation service did not answer\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 3000, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    roomId: room.id,
    close: () => new Promise((resolve) => server.close(() => resolve())),
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
