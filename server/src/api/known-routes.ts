import type { HttpRequest, HttpResponse, TemplatedApp } from 'uWebSockets.js';
import { HttpProblem, markHead, reply } from '../http/request-reply.js';

type RouteHandler = (res: HttpResponse, req: HttpRequest) => void | Promise<void>;

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Paths that browsers on other origins may read: the element bundle, loaded as a module script by
 * host pages. Everything else is for servers (the REST API, with a secret key) or same-origin pages
 * (the demo), so it sends no CORS headers and a cross-origin preflight fails.
 */
const CROSS_ORIGIN_PATHS = new Set(['/element.js']);

/** Every route the server answers, by path pattern, with the methods each one takes. */
export class KnownRoutes {
  readonly #routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  /** Records a route; `pattern` in uWebSockets.js form (`/v1/rooms/:roomId`). */
  add(method: string, pattern: string): void {
    let route = this.#routes.get(pattern);
    if (route === undefined) {
      const source = pattern
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      route = { pattern: new RegExp(`^${source}$`), methods: new Set() };
      this.#routes.set(pattern, route);
    }
    route.methods.add(method.toUpperCase());
  }

  /** The methods a path answers (OPTIONS always), in a stable order; `null` if none. */
  allowed(path: string): string[] | null {
    const methods = new Set<string>();
    for (const route of this.#routes.values()) {
      if (!route.pattern.test(path)) continue;
      for (const method of route.methods) methods.add(method);
    }
    if (methods.size === 0) return null;
    methods.add('OPTIONS');
    return METHOD_ORDER.filter((method) => methods.has(method));
  }
}

/** The mounting methods of an app, by name, with the HTTP method each one records. */
const MOUNTING_METHODS: ReadonlyMap<PropertyKey, string> = new Map([
  ['get', 'GET'],
  ['post', 'POST'],
  ['patch', 'PATCH'],
  ['del', 'DELETE'],
  ['put', 'PUT'],
  ['ws', 'GET'],
]);

/**
 * Wraps the app so that every route mounted through it is recorded in `known`, and every GET route
 * also answers HEAD (same status and headers, no body). Every other member is the app's own, bound
 * to it once: the realtime path publishes through this wrapper for every broadcast and reply.
 *
 * @example
 * ```ts
 * const known = new KnownRoutes();
 * const app = trackRoutes(uWS.App(), known);
 * mountOpsRoutes({ app, ... }); // GET /healthz now answers HEAD too
 * mountFallback(app, known);
 * ```
 */
export function trackRoutes(app: TemplatedApp, known: KnownRoutes): TemplatedApp {
  // Resolved on first use and kept: binding on every access made a function per publish.
  const members = new Map<PropertyKey, unknown>();
  const tracked: TemplatedApp = new Proxy(app, {
    get(target, property) {
      let member = members.get(property);
      if (member === undefined) {
        member = memberOf(target, property);
        members.set(property, member);
      }
      return member;
    },
  });

  function memberOf(target: TemplatedApp, property: PropertyKey): unknown {
    const value = Reflect.get(target, property) as unknown;
    if (typeof value !== 'function') return value;
    const method = MOUNTING_METHODS.get(property);
    if (method === undefined) return value.bind(target);
    return (pattern: string, handler: unknown) => {
      known.add(method, pattern);
      // A plain GET also answers HEAD; a WebSocket route (`ws`) stays GET-only: an upgrade has no HEAD.
      if (property === 'get') {
        known.add('HEAD', pattern);
        const onGet = handler as RouteHandler;
        target.head(pattern, (res, req) => {
          markHead(res);
          return onGet(res, req);
        });
      }
      value.call(target, pattern, handler);
      return tracked;
    };
  }

  return tracked;
}

/**
 * The last route: answers every request no other route took. A path the server knows gets 204
 * with `Allow` to OPTIONS (a CORS preflight, too) and 405 `method_not_allowed` with `Allow` to any
 * other method; an unknown path gets 404 `not_found`. Both as problem+json, and without a body to
 * HEAD. (Methods outside HTTP's standard set, such as PROPFIND, are refused by uWebSockets.js
 * itself, which closes the connection before any route runs.)
 */
export function mountFallback(app: TemplatedApp, known: KnownRoutes): void {
  app.any('/*', (res, req) => {
    const method = req.getMethod().toUpperCase();
    const path = req.getUrl();
    if (method === 'HEAD') markHead(res);
    const out = reply(res);
    const allowed = known.allowed(path);
    if (allowed === null) {
      out.problem(
        new HttpProblem('not_found', 'Nothing exists at this path. /openapi.json lists the REST routes.'),
        path,
      );
      return;
    }
    const allow = allowed.join(', ');
    if (method === 'OPTIONS') {
      const cors: Record<string, string> = CROSS_ORIGIN_PATHS.has(path)
        ? {
            'access-control-allow-origin': '*',
            'access-control-allow-methods': 'GET, HEAD',
            'access-control-max-age': '86400',
          }
        : {};
      out.empty(204, { allow, ...cors });
      return;
    }
    out.problem(
      new HttpProblem('method_not_allowed', `${method} is not allowed here: this path answers ${allow}`, {
        allow,
      }),
      path,
    );
  });
}
