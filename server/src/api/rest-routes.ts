import { createHash } from 'node:crypto';
import { DEFAULT_DECK, DEFAULT_SETTINGS, type Deck, deckProblem, PRESET_DECKS } from '@pokerroom/protocol';
import type { HttpResponse, TemplatedApp } from 'uWebSockets.js';
import type { Logger } from '../ops/logger.js';
import type { RoomRegistry } from '../realtime/room-registry.js';
import { type ApiKey, type ApiKeyScope, findApiKey, newId } from '../storage/accounts.js';
import type { Sql } from '../storage/database.js';
import { HttpProblem, parseJsonBody, type RequestInfo, readBody, readRequest, reply } from './http.js';
import { CreateRoomBody, CreateTokenBody, parseBody } from './request-schemas.js';
import { TOKEN_TTL, type TokenSigner } from './tokens.js';

/** What the REST routes need. */
export interface RestDeps {
  readonly app: TemplatedApp;
  readonly sql: Sql;
  readonly rooms: RoomRegistry;
  readonly tokens: TokenSigner;
  readonly log: Logger;
  readonly publicUrl: string | null;
}

const MAX_BODY_BYTES = 256 * 1024;
const SECRET_KEY = /^sk_(test|live)_[A-Za-z0-9]{24,64}$/;

type Handler = (info: RequestInfo, body: Record<string, unknown>, key: ApiKey) => Promise<{ status: number; body: unknown }>;

/** The REST routes under `/v1` that this server has: rooms and participant tokens. */
export function mountRestRoutes(deps: RestDeps): void {
  const { app } = deps;
  const route = (method: 'post' | 'get', pattern: string, params: number, scope: ApiKeyScope, handler: Handler) => {
    app[method](pattern, (res, req) => {
      const info = readRequest(req, params);
      void respond(res, info, scope, handler, method === 'post');
    });
  };

  route('post', '/v1/rooms', 0, 'rooms', async (_info, raw, key) => {
    const body = parseBody(CreateRoomBody, raw);
    const deck = resolveDeck(body.deck);
    const room = {
      id: newId('room'),
      accountId: key.accountId,
      name: body.name ?? 'Planning poker',
      deck,
      settings: { ...DEFAULT_SETTINGS, ...body.settings },
    };
    await deps.rooms.create(room);
    return {
      status: 201,
      body: { id: room.id, name: room.name, deck: room.deck, settings: room.settings, closed: false },
    };
  });

  route('post', '/v1/rooms/:id/tokens', 1, 'tokens', async (info, raw, key) => {
    const roomId = info.params[0] ?? '';
    const body = parseBody(CreateTokenBody, raw);
    const [room] = await deps.sql<{ closed: boolean }[]>`
      select closed_at is not null as closed from rooms where id = ${roomId} and account_id = ${key.accountId}`;
    // Another account's room is reported exactly like a missing one: no existence leak.
    if (room === undefined) throw new HttpProblem('room_not_found');
    if (room.closed) throw new HttpProblem('room_closed');
    const participantId =
      body.externalUserId === undefined
        ? newId('p')
        : `p_${createHash('sha256').update(`${roomId}\n${body.externalUserId}`).digest('base64url').slice(0, 22)}`;
    const { token, exp } = await deps.tokens.sign(
      {
        roomId,
        accountId: key.accountId,
        participantId,
        name: body.name,
        role: body.role ?? 'voter',
        ...(body.externalUserId === undefined ? {} : { externalId: body.externalUserId }),
        ...(body.avatarUrl === undefined ? {} : { avatarUrl: body.avatarUrl }),
      },
      body.ttlSeconds ?? TOKEN_TTL.default,
    );
    return {
      status: 201,
      body: { token, expiresAt: new Date(exp * 1000).toISOString(), wsUrl: wsUrlFor(info, roomId), participantId },
    };
  });

  async function respond(res: HttpResponse, info: RequestInfo, scope: ApiKeyScope, handler: Handler, hasBody: boolean) {
    const out = reply(res);
    try {
      const bodyBytes = hasBody ? await readBody(res, MAX_BODY_BYTES) : Buffer.alloc(0);
      const key = await authenticate(info, scope);
      const body = parseJsonBody(bodyBytes, info.headers.get('content-type'));
      const result = await handler(info, body, key);
      out.json(result.status, result.body);
    } catch (error) {
      if (error instanceof HttpProblem) {
        out.problem(error, info.url);
        return;
      }
      deps.log.error({ err: error, url: info.url }, 'request failed');
      out.problem(new HttpProblem(isConnectionError(error) ? 'storage_unavailable' : 'internal'), info.url);
    }
  }

  async function authenticate(info: RequestInfo, scope: ApiKeyScope): Promise<ApiKey> {
    const header = info.headers.get('authorization');
    if (header === undefined) throw new HttpProblem('api_key_missing');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const secret = match?.[1];
    if (secret === undefined || !SECRET_KEY.test(secret)) {
      throw new HttpProblem('api_key_invalid', 'send Authorization: Bearer sk_test_... or sk_live_...');
    }
    const key = await findApiKey(deps.sql, secret);
    if (key === null) throw new HttpProblem('api_key_invalid');
    if (key.revoked) throw new HttpProblem('api_key_revoked');
    if (!key.scopes.includes(scope)) throw new HttpProblem('scope_missing', `this route needs the "${scope}" scope`);
    return key;
  }

  function wsUrlFor(info: RequestInfo, roomId: string): string {
    const base = deps.publicUrl ?? `http://${info.headers.get('host') ?? 'localhost'}`;
    const url = new URL('/v1/ws', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('room', roomId);
    return url.toString();
  }
}

function resolveDeck(input: { kind: string; cards?: Deck['cards'] } | undefined): Deck {
  if (input === undefined) return DEFAULT_DECK;
  if (input.kind !== 'custom') return PRESET_DECKS[input.kind as keyof typeof PRESET_DECKS];
  if (input.cards === undefined) throw new HttpProblem('invalid_deck', 'deck.cards: a custom deck needs its cards');
  const deck: Deck = { kind: 'custom', cards: input.cards };
  const problem = deckProblem(deck);
  if (problem !== null) throw new HttpProblem('invalid_deck', `deck: ${problem}`);
  return deck;
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|CONNECT_TIMEOUT|CONNECTION_|57P|08)/.test(code);
}
