import { CLOSE_CODES, type ProtocolError, peekRequestId } from '@pokerroom/protocol';
import { TokenBucket } from '../rate-limits/token-bucket.js';
import { INVALID_FRAMES, PARTICIPANT_RATE } from './rate-limit.js';
import type { Connection, Session } from './session.js';
import type { SocketContext } from './socket-context.js';
import { closeWith, sendError } from './socket-replies.js';

/** The retry hint of a command over the rate limit: the time the participant's bucket takes to refill one. */
const RATE_LIMITED_RETRY_AFTER_MS = Math.ceil(1000 / PARTICIPANT_RATE.perSecond);

/**
 * Takes one frame from the participant's bucket, before anything is decoded: a frame over the
 * limit costs a few bytes' look at its envelope. Refused, the sender gets `rate_limited` with a
 * retry hint, and too many refusals in a row close the connection; `false` means drop the frame.
 */
export function takeFrame(ctx: SocketContext, ws: Connection, session: Session, bytes: Uint8Array): boolean {
  // Frames are handled only after the welcome, which comes after the open counted the connection in.
  if (session.limit?.take(Date.now()) ?? false) {
    session.refusals = 0;
    return true;
  }
  session.refusals++;
  ctx.metrics.commands.count('any', 'rate_limited');
  if (session.refusals > PARTICIPANT_RATE.refusalsBeforeClose) {
    closeWith(ws, ctx.metrics, CLOSE_CODES.rate_limited, 'rate limited');
    return false;
  }
  // A frame refused unread: named by its id when a look at its envelope finds one.
  sendError(ws, 'rate_limited', undefined, peekRequestId(bytes), RATE_LIMITED_RETRY_AFTER_MS, 'frame');
  return false;
}

/** Tells the sender what was wrong with a frame, or closes (4003) past the invalid-frame budget. */
export function refuseInvalid(
  ctx: SocketContext,
  ws: Connection,
  session: Session,
  error: ProtocolError,
): void {
  ctx.metrics.commands.count('invalid', error.code);
  const now = Date.now();
  session.invalidFrames ??= new TokenBucket(INVALID_FRAMES.capacity, INVALID_FRAMES.perSecond, now);
  if (!session.invalidFrames.take(now)) {
    closeWith(ws, ctx.metrics, CLOSE_CODES.protocol_violation, 'too many invalid frames');
    return;
  }
  sendError(ws, error.code, error.message, error.requestId, undefined, 'frame');
}
