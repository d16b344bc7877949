import {
  clipErrorMessage,
  ERROR_CODES,
  type ErrorCode,
  type ErrorScope,
  encode,
  type ProtocolVersion,
} from '@pokerroom/protocol';
import type { Metrics } from '../ops/metrics.js';
import { ackFrame } from './frame-templates.js';
import { holdReplyTopic } from './reply-topic.js';
import { type Connection, sessionTopic } from './session.js';
import type { SocketContext } from './socket-context.js';
import { type AckedCommand, type AckResult, ackIn, encodeIn, type Unversioned } from './wire-versions.js';

/** Sends a frame straight to the socket (before the welcome, or refusals); a no-op once it closed. */
export function send(ws: Connection, message: Unversioned): void {
  const session = ws.getUserData();
  if (session.closed) return;
  ws.send(encodeIn(session.version, message), true);
}

/**
 * Sends the `ack` of command `id` straight to the socket, built in the session's own wire form
 * ({@link ackIn}); a no-op once it closed.
 */
export function sendAck(ws: Connection, id: number, command: AckedCommand, result?: AckResult): void {
  const session = ws.getUserData();
  if (session.closed) return;
  ws.send(ackBytes(session.version, id, command, result), true);
}

/**
 * Sends an `error` frame with the code's default message unless another is given. With an `id` it
 * concerns that command; without, `scope` says what it concerns (default: the connection).
 */
export function sendError(
  ws: Connection,
  code: ErrorCode,
  message?: string,
  id?: number,
  retryAfterMs?: number,
  scope?: Exclude<ErrorScope, 'command'>,
): void {
  send(ws, errorMessage(code, message, id, retryAfterMs, scope));
}

/**
 * Answers a command of a welcomed session on its reply topic (see {@link sessionTopic}), taken
 * back first if the connection had given it back; a no-op once it closed or is being closed on
 * purpose (nothing more is queued for it then).
 */
export function answer(ctx: SocketContext, ws: Connection, message: Unversioned): void {
  const session = ws.getUserData();
  if (session.closed || session.evicted) return;
  ctx.app.publish(holdReplyTopic(ws, session), encodeIn(session.version, message), true);
}

/**
 * Acknowledges command `id` of a welcomed session on its reply topic, like {@link answer}, with
 * the ack built in the session's own wire form ({@link ackIn}); a no-op once it closed or is being
 * closed on purpose.
 */
export function acknowledge(
  ctx: SocketContext,
  ws: Connection,
  id: number,
  command: AckedCommand,
  result?: AckResult,
): void {
  const session = ws.getUserData();
  if (session.closed || session.evicted) return;
  ctx.app.publish(holdReplyTopic(ws, session), ackBytes(session.version, id, command, result), true);
}

/** An ack's frame: from its template when it carries no result (a vote's), else encoded. */
function ackBytes(
  version: ProtocolVersion,
  id: number,
  command: AckedCommand,
  result: AckResult | undefined,
): Uint8Array {
  return (
    (result === undefined ? ackFrame(version, id, command) : null) ??
    encode(ackIn(version, id, command, result))
  );
}

/**
 * The `error` frame of a code: its default message (clipped to the protocol's limit), retry
 * advice, and its scope — `command` when it names one by `id`, else `scope` (default
 * `connection`). v1 frames leave the scope out, as v1 always did.
 */
export function errorMessage(
  code: ErrorCode,
  message?: string,
  id?: number,
  retryAfterMs?: number,
  scope: Exclude<ErrorScope, 'command'> = 'connection',
): Unversioned {
  const info = ERROR_CODES[code];
  return {
    t: 'error',
    d: {
      code,
      message: clipErrorMessage(message ?? info.message),
      retryable: info.retryable,
      ...(id === undefined ? {} : { id }),
      scope: id === undefined ? scope : 'command',
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
