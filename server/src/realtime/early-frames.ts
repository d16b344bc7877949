import { CLOSE_CODES } from '@pokerroom/protocol';
import { handleFrame } from './dispatch.js';
import { PARTICIPANT_RATE } from './rate-limit.js';
import type { RoomHost } from './room-host.js';
import type { Connection, Session } from './session.js';
import type { SocketContext } from './socket-context.js';
import { closeWith } from './socket-replies.js';

/**
 * Keeps a frame that arrived before the welcome (which waits for the room) to be handled right
 * after it. More than a full burst before the welcome is a flood the bucket would refuse anyway:
 * the connection is closed as rate limited. `bytes` may be the transport's own buffer, valid only
 * during its callback: a frame kept is a copy.
 */
export function holdEarlyFrame(
  ctx: SocketContext,
  ws: Connection,
  session: Session,
  bytes: Uint8Array,
): void {
  const early = session.early ?? [];
  if (early.length >= PARTICIPANT_RATE.capacity) {
    ctx.metrics.commands.count('any', 'rate_limited');
    closeWith(ws, ctx.metrics, CLOSE_CODES.rate_limited, 'rate limited');
    return;
  }
  early.push(bytes.slice());
  session.early = early;
}

/** Handles, in arrival order, the frames held until the welcome. */
export function releaseEarlyFrames(
  ctx: SocketContext,
  ws: Connection,
  session: Session,
  host: RoomHost,
): void {
  const early = session.early;
  if (early === null) return;
  session.early = null;
  for (const frame of early) handleFrame(ctx, ws, session, host, frame);
}
