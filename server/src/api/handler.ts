import type { TemplatedApp } from 'uWebSockets.js';
import type { Billing } from '../billing/index.js';
import type { Reply, RequestInfo } from '../http/request-reply.js';
import type { TokenSigner } from '../identity/participant-tokens.js';
import type { Logger } from '../ops/logger.js';
import type { RoomRegistry } from '../realtime/room-registry.js';
import type { AuthenticatedKey } from '../storage/api-keys.js';
import type { Sql } from '../storage/database.js';
import type { RateLimit } from './rate-limit.js';

/** What the REST routes need. */
export interface RestDeps {
  readonly app: TemplatedApp;
  readonly sql: Sql;
  readonly rooms: RoomRegistry;
  readonly tokens: TokenSigner;
  readonly log: Logger;
  readonly publicUrl: string | null;
  readonly billing: Billing;
  /** The default limit of every key; keys may have a lower one of their own. */
  readonly rateLimit?: RateLimit;
}

/** What a handler gets: the request, its validated body, the key that sent it, and the response. */
export interface HandlerContext {
  readonly info: RequestInfo;
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly key: AuthenticatedKey;
  readonly out: Reply;
}

/** A handler's answer: a JSON body with a status, or `streamed` when it wrote the response itself. */
export type HandlerResult = { readonly status: number; readonly body?: unknown } | 'streamed';

/** Serves one operation. */
export type Handler = (ctx: HandlerContext) => Promise<HandlerResult>;
