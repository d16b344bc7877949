import type { HttpResponse } from 'uWebSockets.js';
import { createHash } from 'node:crypto';
import { ERROR_CODES } from '@pokerroom/protocol';
import { refuseRepeatedQuery, refuseUnsafeText } from '../http/request-checks.js';
import {
  HttpProblem,
  parseJsonBody,
  type RequestInfo,
  readBody,
  readRequest,
  renderProblem,
  reply,
} from '../http/request-reply.js';
import type { ApiKeyScope, Owner } from '../storage/accounts.js';
import { type AuthenticatedKey, findKeyBySecret } from '../storage/api-keys.js';
import {
  claimIdempotencyKey,
  completeIdempotency,
  releaseIdempotency,
} from '../storage/idempotency-store.js';
import { billingHandlers } from './billing-handlers.js';
import { gdprHandlers } from './gdpr-handlers.js';
import type { Handler, HandlerResult, RestDeps } from './handler.js';
import { historyHandlers } from './history-handlers.js';
import { keyHandlers } from './key-handlers.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { type KeyedOperationId, OPERATIONS, type Operation } from './operations.js';
import { RateLimiter } from './rate-limit.js';
import { parseBody, RATE_LIMIT_BOUNDS } from './request-schemas.js';
import { roomHandlers } from './room-handlers.js';
import { roundHandlers } from './round-handlers.js';
import { storyHandlers } from './story-handlers.js';
import { webhookHandlers } from './webhook-handlers.js';

/** The largest request body, in bytes. */
export const MAX_BODY_BYTES = 256 * 1024;
const SECRET_KEY = /^sk_(test|live)_[A-Za-z0-9]{24,64}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Mounts every keyed operation of {@link OPERATIONS} and `/openapi.json`. Each request goes
 * through the same steps: body (size), key, rate limit, content type and schema, Idempotency-Key,
 * then the handler; every refusal is a problem+json with a stable code.
 */
export function mountRestRoutes(deps: RestDeps): void {
  const { app } = deps;
  const limits = deps.rateLimit ?? RATE_LIMIT_BOUNDS;
  const limiter = new RateLimiter();
  const handlers: Record<KeyedOperationId, Handler> = {
    ...roomHandlers(deps),
    ...storyHandlers(deps),
    ...roundHandlers(deps),
    ...historyHandlers(deps),
    ...gdprHandlers(deps),
    ...keyHandlers(deps),
    ...webhookHandlers(deps),
    ...billingHandlers(deps),
  };
  const documentText = JSON.stringify(buildOpenApiDocument());
  app.get('/openapi.json', (res) => reply(res).text(200, documentText, 'application/json'));

  for (const op of OPERATIONS as readonly Operation[]) {
    if (op.scope === null || op.scope === 'operator') continue;
    const handler = handlers[op.id as KeyedOperationId];
    const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
    const pattern = op.path.replace(/\{(\w+)\}/g, ':$1');
    const method = op.method === 'delete' ? 'del' : op.method;
    app[method](pattern, (res, req) => {
      let info: RequestInfo;
      try {
        info = readRequest(req, names.length);
      } catch {
        reply(res).problem(new HttpProblem('invalid_request', 'the path is not valid percent-encoding'));
        return;
      }
      void respond(res, info, op, op.scope as ApiKeyScope, names, handler);
    });
  }

  async function respond(
    res: HttpResponse,
    info: RequestInfo,
    op: Operation,
    scope: ApiKeyScope,
    names: readonly string[],
    handler: Handler,
  ) {
    const out = reply(res);
    const hasBody = op.method === 'post' || op.method === 'patch';
    // onData must be attached before the first await, or the body is lost.
    const bodyRead = hasBody ? readBody(res, MAX_BODY_BYTES) : Promise.resolve(Buffer.alloc(0));
    bodyRead.catch(() => {});
    let claim: { owner: Owner; key: string } | null = null;
    try {
      const bytes = await bodyRead;
      const key = await authenticate(info, scope);
      const rate = limiter.take(key.id, key.rateLimit ?? limits, Date.now());
      out.header('ratelimit-limit', String(rate.limit));
      out.header('ratelimit-remaining', String(rate.remaining));
      out.header('ratelimit-reset', String(rate.resetSeconds));
      if (!rate.allowed) {
        throw new HttpProblem(
          'rate_limited',
          `this key may send ${rate.limit} requests at once; retry after ${rate.retryAfterSeconds} s`,
          {
            'retry-after': String(rate.retryAfterSeconds),
          },
        );
      }
      const raw = hasBody ? parseJsonBody(bytes, info.headers.get('content-type')) : {};
      const params = Object.fromEntries(names.map((name, i) => [name, info.params[i] ?? '']));
      refuseRepeatedQuery(info.query);
      refuseUnsafeText(params, info.query, raw);
      const body = op.body === undefined ? raw : parseBody(op.body, raw);
      const idempotencyKey = info.headers.get('idempotency-key');
      if (op.method === 'post' && idempotencyKey !== undefined) {
        if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
          throw new HttpProblem(
            'invalid_request',
            'Idempotency-Key: must be 1 to 255 printable ASCII characters',
          );
        }
        const fingerprint = createHash('sha256')
          .update(`${op.id}\n${info.url}\n${JSON.stringify(body)}`)
          .digest('hex');
        const found = await claimIdempotencyKey(deps.sql, key, idempotencyKey, fingerprint);
        if (found.kind === 'mismatch') throw new HttpProblem('idempotency_conflict');
        if (found.kind === 'in-flight') {
          throw new HttpProblem(
            'idempotency_conflict',
            'A request with this Idempotency-Key is still being answered. Retry in a moment.',
          );
        }
        if (found.kind === 'replay') {
          const type = found.status >= 400 ? 'application/problem+json' : 'application/json';
          out.text(found.status, found.body, type, { 'idempotent-replayed': 'true' });
          return;
        }
        claim = { owner: key, key: idempotencyKey };
      }
      let result: HandlerResult;
      try {
        result = await handler({ info, params, body, key, out });
      } catch (error) {
        if (claim !== null && error instanceof HttpProblem && ERROR_CODES[error.code].status < 500) {
          // A refusal is the answer to this request: a retry with the same key gets it again.
          const status = ERROR_CODES[error.code].status;
          await completeIdempotency(deps.sql, claim.owner, claim.key, status, renderProblem(error, info.url));
          claim = null;
        }
        throw error;
      }
      if (result === 'streamed') return;
      const text = result.body === undefined ? '' : JSON.stringify(result.body);
      if (claim !== null) {
        await completeIdempotency(deps.sql, claim.owner, claim.key, result.status, text);
        claim = null;
      }
      if (result.body === undefined) out.text(result.status, '', 'application/json');
      else out.text(result.status, text, 'application/json');
    } catch (error) {
      if (claim !== null) await releaseIdempotency(deps.sql, claim.owner, claim.key).catch(() => {});
      if (error instanceof HttpProblem) {
        out.problem(error, info.url);
        return;
      }
      // The route template, never the path: a path can hold an externalUserId.
      deps.log.error({ err: error, route: `${op.method.toUpperCase()} ${op.path}` }, 'request failed');
      out.problem(new HttpProblem(isConnectionError(error) ? 'storage_unavailable' : 'internal'), info.url);
    }
  }

  async function authenticate(info: RequestInfo, scope: ApiKeyScope): Promise<AuthenticatedKey> {
    const header = info.headers.get('authorization');
    if (header === undefined) throw new HttpProblem('api_key_missing');
    const secret = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (secret === undefined || !SECRET_KEY.test(secret)) {
      throw new HttpProblem('api_key_invalid', 'send Authorization: Bearer sk_test_... or sk_live_...');
    }
    const key = await findKeyBySecret(deps.sql, secret);
    if (key === null) throw new HttpProblem('api_key_invalid');
    if (key.revoked) throw new HttpProblem('api_key_revoked');
    if (!key.scopes.includes(scope))
      throw new HttpProblem('scope_missing', `this route needs the "${scope}" scope`);
    return key;
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|CONNECT_TIMEOUT|CONNECTION_|57P|08)/.test(code)
  );
}
