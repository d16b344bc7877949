import { DEFAULT_RECONNECT, type ReconnectPolicy } from './backoff.js';

/**
 * A WebSocket implementation: the browser's global `WebSocket`, or `WebSocket` from the `ws`
 * package in Node. Typed loosely so both fit; the SDK uses `binaryType`, `send`, `close`, the
 * `on…` handlers and, when present, `terminate()`.
 */
export type WebSocketConstructor = new (url: string, protocols: string | string[]) => unknown;

/**
 * The options of {@link connect}.
 *
 * @example
 * ```ts
 * const room = await connect({
 *   url: wsUrl,
 *   getToken: () => fetch('/api/poker-token').then((r) => r.text()),
 *   commandTimeoutMs: 5000,
 * });
 * ```
 */
export interface ConnectOptions {
  /**
   * The `wsUrl` from `POST /v1/rooms/{id}/tokens`, or a function that returns it (called before
   * every connection attempt, so it may change: another node, a restarted server).
   */
  readonly url: string | (() => string | Promise<string>);
  /** The participant token. Give `token`, `getToken`, or both (then `token` is used first). */
  readonly token?: string;
  /** Fetches a fresh token: called first when no `token` is given, and after the server closed with 4100–4199. */
  readonly getToken?: () => string | Promise<string>;
  /** The WebSocket implementation. Default: the global `WebSocket` (browsers, Node 22+). */
  readonly WebSocket?: WebSocketConstructor;
  /** How long a command may wait for its answer once sent, in ms. Default 10 000. */
  readonly commandTimeoutMs?: number;
  /** How long a connection attempt may take from opening the socket to the welcome, in ms. Default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Interval of `ping` heartbeats while connected, in ms; `0` turns them off. Default 20 000. */
  readonly heartbeatMs?: number;
  /** How long a heartbeat may wait for its ack before the connection counts as dead, in ms. Default 10 000. */
  readonly heartbeatTimeoutMs?: number;
  /** Reconnection and backoff; see {@link ReconnectPolicy}. */
  readonly reconnect?: Partial<ReconnectPolicy>;
}

/** The options with every default filled in. */
export interface ResolvedOptions {
  readonly url: () => string | Promise<string>;
  readonly token: string | undefined;
  readonly getToken: (() => string | Promise<string>) | undefined;
  readonly WebSocket: WebSocketConstructor;
  readonly commandTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly heartbeatMs: number;
  readonly heartbeatTimeoutMs: number;
  readonly reconnect: ReconnectPolicy;
}

/** Fills in the defaults; throws a `TypeError` for options that can never work. */
export function resolveOptions(options: ConnectOptions): ResolvedOptions {
  const { url } = options;
  if (typeof url !== 'string' && typeof url !== 'function') throw new TypeError('connect: `url` is required');
  if (options.token === undefined && options.getToken === undefined) {
    throw new TypeError('connect: give `token` or `getToken`');
  }
  const WebSocketImpl =
    options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ?? undefined;
  if (WebSocketImpl === undefined) {
    throw new TypeError("connect: no global WebSocket here; pass one, e.g. `import WebSocket from 'ws'`");
  }
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  return {
    url: typeof url === 'string' ? () => url : url,
    token: options.token,
    getToken: options.getToken,
    WebSocket: WebSocketImpl,
    commandTimeoutMs: options.commandTimeoutMs ?? 10_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    heartbeatMs,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 10_000,
    reconnect: { ...DEFAULT_RECONNECT, ...options.reconnect },
  };
}

/** The URL of one connection attempt: the `wsUrl` with the token added (and `http(s)` read as `ws(s)`). */
export function socketUrl(base: string, token: string): string {
  const url = new URL(base);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1/ws';
  url.searchParams.set('token', token);
  return url.toString();
}
