/**
 * Tracker sync: imports the open issues of a tracker into a Poker Room room, and writes each
 * estimate back to its issue (an `estimate: N` label and a comment with the round's figures) when
 * the `story.estimated` webhook arrives, verified with @pokerroom/node. The tracker is reached
 * through a GitHub-shaped issues API (see tracker.ts). Run from the repository root:
 *
 *   POKERROOM_URL=http://localhost:8080 POKERROOM_SECRET_KEY=sk_test_… \
 *   TRACKER_API_URL=https://api.github.com TRACKER_TOKEN=… TRACKER_REPO=owner/repo \
 *   node --conditions=source --import tsx examples/tracker-sync/tracker-sync.ts
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  PokerRoom,
  type PokerRoomWebhookEvent,
  type WebhookEventOf,
  WebhookVerificationError,
  webhooks,
} from '@pokerroom/node';
import { Tracker, type TrackerOptions } from './tracker.js';

/** What the service needs. */
export interface TrackerSyncOptions {
  /** The Poker Room service, e.g. `http://localhost:8080`. */
  readonly pokerRoomUrl: string;
  readonly secretKey: string;
  readonly tracker: TrackerOptions;
  /** The port to listen on; 0 picks a free one. */
  readonly port?: number;
  /** Where Poker Room reaches this service; its own address by default. */
  readonly publicUrl?: string;
  /** Told about every delivery received and what came of it: a log, or a test's eyes. */
  readonly onDelivery?: (delivery: ReceivedDelivery) => void;
}

/** One webhook request the service received, with what it did about it. */
export interface ReceivedDelivery {
  readonly rawBody: string;
  readonly headers: IncomingMessage['headers'];
  /** `written`: the estimate went to the tracker; `duplicate`: this delivery id was handled before. */
  readonly outcome: 'written' | 'duplicate' | 'ignored' | 'refused';
}

/** A running tracker sync. */
export interface TrackerSync {
  readonly url: string;
  readonly roomId: string;
  /** Imports the open issues not yet in the room; resolves with how many were added. */
  importIssues(): Promise<number>;
  /** A page with the room, for one person (the element, with a token minted for them). */
  pageUrl(name: string, role: 'facilitator' | 'voter'): string;
  close(): Promise<void>;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const page = (server: string, token: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Estimate the backlog</title>
    <script type="module" src="/element.js"></script>
  </head>
  <body>
    <poker-room server="${escapeHtml(server)}" token="${escapeHtml(token)}"></poker-room>
  </body>
</html>
`;

async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The comment written on the issue: the estimate and what the votes looked like. */
export function estimateComment(event: WebhookEventOf<'story.estimated'>): string {
  const { estimate, stats } = event.data;
  const figures =
    stats === null
      ? ''
      : ` from ${stats.count} vote${stats.count === 1 ? '' : 's'}` +
        (stats.median === null ? '' : `, median ${stats.median}`) +
        (stats.consensus ? ', unanimous' : `, ${Math.round(stats.agreement * 100)} % on the most voted card`);
  return `Estimated **${estimate}** in Poker Room${figures}.`;
}

/** Starts the service: its HTTP server, the room, the webhook endpoint pointing back at it. */
export async function startTrackerSync(options: TrackerSyncOptions): Promise<TrackerSync> {
  const poker = new PokerRoom({ apiKey: options.secretKey, baseUrl: options.pokerRoomUrl });
  const tracker = new Tracker(options.tracker);
  const handled = new Map<string, Promise<void>>();
  const secrets: string[] = [];
  let roomId = '';

  /** Writes one estimate back, once per delivery id: a retried or replayed delivery joins the first. */
  const writeBack = async (event: PokerRoomWebhookEvent): Promise<ReceivedDelivery['outcome']> => {
    if (event.type !== 'story.estimated') return 'ignored';
    const number = tracker.issueNumberOf(event.data.externalId);
    if (number === null) return 'ignored';
    const earlier = handled.get(event.id);
    if (earlier !== undefined) {
      await earlier;
      return 'duplicate';
    }
    const work = (async () => {
      await tracker.setEstimateLabel(number, event.data.estimate);
      await tracker.comment(number, estimateComment(event));
    })();
    handled.set(event.id, work);
    // A failed write is forgotten, so Poker Room's retry of the delivery tries again.
    work.catch(() => handled.delete(event.id));
    await work;
    return 'written';
  };

  const receive = async (req: IncomingMessage, res: ServerResponse) => {
    const rawBody = await readBody(req);
    let outcome: ReceivedDelivery['outcome'] = 'refused';
    try {
      const event = webhooks.verify(rawBody, req.headers, secrets);
      outcome = await writeBack(event);
      res.writeHead(204).end();
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: error.code }));
    } finally {
      options.onDelivery?.({ rawBody, headers: req.headers, outcome });
    }
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/webhooks/pokerroom') return receive(req, res);
    if (req.method === 'GET' && url.pathname === '/estimate') {
      const name = (url.searchParams.get('name') ?? 'Guest').slice(0, 64) || 'Guest';
      const role = url.searchParams.get('role') === 'facilitator' ? 'facilitator' : 'voter';
      const { token } = await poker.rooms.mintToken(roomId, { name, role });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(page(options.pokerRoomUrl, token));
    }
    if (req.method === 'GET' && url.pathname === '/element.js') {
      // The element, as the Poker Room service serves it, from this page's origin.
      const element = await fetch(`${options.pokerRoomUrl}/element.js`);
      res.writeHead(element.status, { 'content-type': 'text/javascript; charset=utf-8' });
      return res.end(Buffer.from(await element.arrayBuffer()));
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  };

  const server: Server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('the tracker or the estimation service did not answer\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 3001, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));

  try {
    const { owner, repo } = options.tracker;
    roomId = (await poker.rooms.create({ name: `${owner}/${repo} backlog` })).id;
    const endpoint = await poker.api.POST('/v1/webhooks', {
      body: {
        url: `${options.publicUrl ?? url}/webhooks/pokerroom`,
        eventTypes: ['story.estimated'],
        description: `Estimates back to ${owner}/${repo}`,
      },
    });
    if (endpoint.data === undefined)
      throw new Error(`could not register the webhook: ${JSON.stringify(endpoint.error)}`);
    secrets.push(endpoint.data.secret);
  } catch (error) {
    await close();
    throw error;
  }

  return {
    url,
    roomId,
    async importIssues() {
      const known = new Set((await poker.rooms.get(roomId)).stories.map((story) => story.externalId));
      const fresh = (await tracker.openIssuesToEstimate()).filter(
        (issue) => !known.has(tracker.externalIdOf(issue)),
      );
      for (let i = 0; i < fresh.length; i += 100) {
        await poker.stories.import(
          roomId,
          fresh.slice(i, i + 100).map((issue) => ({
            title: issue.title.slice(0, 200),
            externalId: tracker.externalIdOf(issue),
            url: issue.html_url,
            ...(issue.body === null ? {} : { description: issue.body.slice(0, 4000) }),
          })),
        );
      }
      return fresh.length;
    },
    pageUrl: (name, role) => `${url}/estimate?name=${encodeURIComponent(name)}&role=${role}`,
    close,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = (name: string) => {
    const value = process.env[name];
    if (value === undefined || value === '') {
      console.error(`Set ${name} (see the comment at the top of tracker-sync.ts).`);
      process.exit(1);
    }
    return value;
  };
  const [owner = '', repo = ''] = env('TRACKER_REPO').split('/');
  const sync = await startTrackerSync({
    pokerRoomUrl: process.env.POKERROOM_URL ?? 'http://localhost:8080',
    secretKey: env('POKERROOM_SECRET_KEY'),
    tracker: { apiUrl: env('TRACKER_API_URL'), token: env('TRACKER_TOKEN'), owner, repo },
    port: Number(process.env.PORT ?? 3001),
    onDelivery: ({ outcome }) => console.log(`webhook delivery: ${outcome}`),
  });
  console.log(`Imported ${await sync.importIssues()} issues into room ${sync.roomId}.`);
  console.log(`Facilitate at ${sync.pageUrl('Facilitator', 'facilitator')}`);
}
