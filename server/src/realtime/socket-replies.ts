import {
  clipErrorMessage,
  ERROR_CODES,
  type ErrorCode,
  encode,
  type ServerMessage,
} from '@pokerroom/protocol';
import type { Metrics } from '../ops/metrics.js';
import { type Connection, type Session, sessionTopic } from './session.js';
import type { SocketContext } from './socket-context.js';

/** Sends a frame straight to the socket (before the welcome, or refusals); a no-op once it closed. */
export function send(ws: Connection, message: ServerMessage): void {
  if (ws.getUserData().closed) return;
  ws.send(encode(message), true);
}

/** Sends an `error` frame with the code's default message unless another is given. */
export function sendError(
  ws: Connection,
  code: ErrorCode,
  message?: string,
  id?: number,
  retryAfterMs?: number,
): void {
  send(ws, errorMessage(code, message, id, retryAfterMs));
}

/** Answers a command of a welcomed session (see {@link sessionTopic}); a no-op once it closed. */
export function answer(ctx: SocketContext, session: Session, message: ServerMessage): void {
  ctx.app.publish(sessionTopic(session.sessionId), encode(message), true);
}

/** The `error` frame of a code: its default message (clipped to the protocol's limit) and retry advice. */
export function errorMessage(
  code: ErrorCode,
  message?: string,
  id?: number,
  retryAfterMs?: number,
): ServerMessage {
  const info = ERROR_CODES[code];
  return {
    v: 1,
    t: 'error',
    d: {
      code,
      message: clipErrorMessage(message ?? info.message),
      retryable: info.retryable,
      ...(id === undefined ? {} : { id }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    },
  };
}

/**
 * Closes a connection on purpose with a close code, and counts it. Marked evicted first, so that
 * presence knows the participant didn't just drop.
 */
export function closeWith(ws: Connection, metrics: Metrics, code: number, reason: string): void {
  const session = ws.getUserData();
  if (session.closed) return;
  session.evicted = true;
  metrics.closes.inc({ code: String(code) });
  try {
    ws.end(code, reason);
  } catch {
    // already closed by the peer: nothing left to tell it
  }
}
