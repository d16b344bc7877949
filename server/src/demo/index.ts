import type { HttpResponse, TemplatedApp } from 'uWebSockets.js';
import { LIMITS, PRESET_DECKS } from '@pokerroom/protocol';
import { refuseUnsafeText } from '../http/request-checks.js';
import {
  HttpProblem,
  parseJsonBody,
  type RequestInfo,
  readBody,
  readRequest,
  reply,
} from '../http/request-reply.js';
import type { Logger } from '../ops/logger.js';
import type { decideDemo } from './demo-policy.js';
import { type DemoRoomDeps, DemoRooms, MAX_DEMO_STORIES } from './demo-tokens.js';
import {
  elementBundleVersion,
  IMMUTABLE_CACHE_CONTROL,
  locateElementBundle,
  MISSING_BUNDLE_MESSAGE,
  readElementBundle,
  versionedBundlePath,
} from './element-bundle.js';
import { demoPage } from './page.js';

/** What the demo needs from the server: the room registry, the token signer, storage and an account key. */
export interface DemoDeps extends DemoRoomDeps {
  readonly app: TemplatedApp;
  readonly log: Logger;
  /**
   * Whether to serve the demo's page and endpoints (see {@link decideDemo}); default: on.
   * `/element.js` is served either way.
   */
  readonly enabled?: boolean;
  /** Where the element bundle is; default: `packages/element/dist/poker-room.js` of this repository. */
  readonly bundlePath?: string;
  /** The service's public base URL, for join links; default: the request's `Host`. */
  readonly publicUrl?: string | null;
}

const MAX_BODY_BYTES = 16 * 1024;

/**
 * Serves `GET /element.js` (the `<poker-room>` bundle host pages load, always the latest),
 * `GET /element@<version>.js` (the same bundle at its package version, cached as immutable, for
 * pages that pin it with an integrity hash) and, when enabled, the demo: `GET /` (a page that
 * creates a room and shares a join link) and two demo-only endpoints that mint tokens on the server
 * side: `POST /demo/rooms` and `POST /demo/rooms/{id}/join`. Nothing under `/v1`. Returns whether
 * the demo is served.
 *
 * @example
 * ```ts
 * mountDemo({ app, sql, rooms, tokens, log, accountKey: devKey });
 * ```
 */
export function mountDemo(deps: DemoDeps): boolean {
  const { app, log } = deps;
  const bundlePath = deps.bundlePath ?? locateElementBundle();

  const serveBundle = (res: HttpResponse, cacheControl: string) => {
    const bundle = readElementBundle(bundlePath);
    if (bundle === null) {
      reply(res).text(
        500,
        `console.error(${JSON.stringify(MISSING_BUNDLE_MESSAGE)});\n`,
        'text/javascript; charset=utf-8',
        {
          'cache-control': 'no-store',
          'x-pokerroom-error': 'element bundle missing',
        },
      );
      log.error({ path: bundlePath }, 'element bundle missing');
      return;
    }
    // Host pages on other origins load it as a module script, which needs CORS.
    reply(res).text(200, bundle, 'text/javascript; charset=utf-8', {
      'cache-control': cacheControl,
      'access-control-allow-origin': '*',
    });
  };
  app.get('/element.js', (res) => serveBundle(res, 'no-cache'));
  const version = elementBundleVersion(bundlePath);
  if (version !== null) {
    app.get(versionedBundlePath(version), (res) => serveBundle(res, IMMUTABLE_CACHE_CONTROL));
  }

  if (deps.enabled === false) return false;
  const rooms = new DemoRooms(deps);

  app.get('/', (res) => {
    reply(res).text(200, demoPage(), 'text/html; charset=utf-8', { 'cache-control': 'no-store' });
  });

  app.post('/demo/rooms', (res, req) => {
    const info = readRequest(req);
    void respond(res, info, '/demo/rooms', async (body) => {
      const name = nameOf(body.name, 'name');
      const roomName =
        body.roomName === undefined || body.roomName === ''
          ? 'Planning poker'
          : nameOf(body.roomName, 'roomName');
      const deck = deckOf(body.deck);
      const stories = storiesOf(body.stories);
      const person = personOf(body.person);
      const { roomId, token } = await rooms.create({
        name,
        roomName,
        deck,
        stories,
        ...(person === undefined ? {} : { person }),
      });
      const joinUrl = new URL(
        `/?room=${encodeURIComponent(roomId)}`,
        deps.publicUrl ?? baseUrl(info),
      ).toString();
      return { roomId, token, joinUrl };
    });
  });

  // The join page shows which room it joins before anyone gives a name.
  app.get('/demo/rooms/:id', (res, req) => {
    const info = readRequest(req, 1);
    const out = reply(res);
    rooms.describe(info.params[0] ?? '').then(
      (room) =>
        room === null
          ? out.problem(new HttpProblem('room_not_found'), info.url)
          : out.json(200, room, { 'cache-control': 'no-store' }),
      (error: unknown) => {
        log.error({ err: error, url: info.url }, 'demo request failed');
        out.problem(new HttpProblem('internal'), info.url);
      },
    );
  });

  app.post('/demo/rooms/:id/join', (res, req) => {
    let info: RequestInfo;
    try {
      info = readRequest(req, 1);
    } catch {
      reply(res).problem(new HttpProblem('invalid_request', 'id: the path is not valid percent-encoding'));
      return;
    }
    void respond(res, info, '/demo/rooms/:id/join', async (body) => {
      const roomId = info.params[0] ?? '';
      const name = nameOf(body.name, 'name');
      const role = body.role === 'observer' ? 'observer' : 'voter';
      const token = await rooms.join(roomId, name, role, personOf(body.person));
      if (token === null) throw new HttpProblem('room_not_found');
      return { roomId, token };
    });
  });

  async function respond(
    res: HttpResponse,
    info: RequestInfo,
    route: string,
    handler: (body: Record<string, unknown>) => Promise<unknown>,
  ) {
    const out = reply(res);
    try {
      const body = parseJsonBody(await readBody(res, MAX_BODY_BYTES), info.headers.get('content-type'));
      refuseUnsafeText({ id: info.params[0] ?? '' }, info.query, body);
      out.json(201, await handler(body), { 'cache-control': 'no-store' });
    } catch (error) {
      if (error instanceof HttpProblem) return out.problem(error, info.url);
      log.error({ err: error, route: `POST ${route}` }, 'demo request failed');
      out.problem(new HttpProblem('internal'), info.url);
    }
  }
  return true;
}

function baseUrl(info: RequestInfo): string {
  return `http://${info.headers.get('host') ?? 'localhost'}`;
}

function nameOf(value: unknown, field: string): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name === '' || name.length > LIMITS.nameLength) {
    throw new HttpProblem('invalid_payload', `${field}: 1 to ${LIMITS.nameLength} characters`);
  }
  return name;
}

/** The page's stable id for its person: optional; 8 to 64 letters, digits and dashes (a UUID fits). */
function personOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(value)) return value;
  throw new HttpProblem(
    'invalid_payload',
    'person: 8 to 64 letters, digits or dashes (a UUID fits), or leave it out',
  );
}

function deckOf(value: unknown): keyof typeof PRESET_DECKS {
  if (value === undefined) return 'modified-fibonacci';
  if (typeof value === 'string' && Object.hasOwn(PRESET_DECKS, value))
    return value as keyof typeof PRESET_DECKS;
  throw new HttpProblem('invalid_deck', `deck: one of ${Object.keys(PRESET_DECKS).join(', ')}`);
}

function storiesOf(value: unknown): string[] {
  if (value === undefined) return [];
  if (
    !Array.isArray(value) ||
    value.length > MAX_DEMO_STORIES ||
    !value.every((title) => typeof title === 'string')
  ) {
    throw new HttpProblem('invalid_payload', `stories: up to ${MAX_DEMO_STORIES} titles`);
  }
  return value.map((title: string) => title.trim()).filter((title) => title !== '');
}
