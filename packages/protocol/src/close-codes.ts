/**
 * WebSocket close codes, by range. The range tells a client what to do:
 * 1001 reconnect at once; 4000–4099 do not reconnect; 4100–4199 reconnect with a new token;
 * 4200–4299 reconnect with backoff.
 *
 * @example
 * ```ts
 * socket.close(CLOSE_CODES.slow_consumer, 'slow consumer');
 * ```
 */
export const CLOSE_CODES = {
  /** The client closed the connection on purpose. */
  normal: 1000,
  /** The server is shutting down or draining for a deploy: reconnect at once (to another node). */
  going_away: 1001,
  /**
   * The token does not allow this connection (missing, forged, wrong room, unknown participant):
   * do not reconnect. The `error` frame sent just before the close says which.
   */
  forbidden: 4000,
  /** A facilitator removed this participant: do not reconnect. */
  kicked: 4001,
  /** The room was closed or deleted: do not reconnect. */
  room_closed: 4002,
  /** The client broke the protocol (malformed frames, repeated invalid messages): fix the client. */
  protocol_violation: 4003,
  /** The token expired: fetch a new one, then reconnect. */
  token_expired: 4100,
  /** The server is overloaded: reconnect with backoff. */
  overloaded: 4200,
  /** The client sent too much too fast for too long: reconnect with backoff. */
  rate_limited: 4201,
  /** The client did not read fast enough and its send buffer overflowed: reconnect with backoff and resume. */
  slow_consumer: 4202,
  /** Storage was unavailable: reconnect with backoff. */
  unavailable: 4203,
} as const;

/** A close code of the protocol. */
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** What a client should do after the connection closed with a given code. */
export type CloseAction = 'stop' | 'reconnect' | 'refresh-token' | 'backoff';

/**
 * What a client should do after a close with this code: the rule is by range, so codes added
 * later inside a range already behave right in old clients. Unknown codes (including 1006, an
 * abnormal drop) mean reconnect with backoff.
 *
 * @example
 * ```ts
 * closeAction(4100); // 'refresh-token'
 * ```
 */
export function closeAction(code: number): CloseAction {
  if (code === CLOSE_CODES.normal) return 'stop';
  if (code === CLOSE_CODES.going_away) return 'reconnect';
  if (code >= 4000 && code <= 4099) return 'stop';
  if (code >= 4100 && code <= 4199) return 'refresh-token';
  return 'backoff';
}
