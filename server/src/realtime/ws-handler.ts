import { LIMITS, ProtocolError } from '@pokerroom/protocol';
import { closeConnection, openConnection } from './admission.js';
import { handleFrame } from './dispatch.js';
import { holdEarlyFrame } from './early-frames.js';
import { refuseInvalid } from './frame-limits.js';
import { ParticipantLimits } from './rate-limit.js';
import { asConnection, type SocketData } from './session.js';
import { closeIfSlow } from './slow-consumers.js';
import type { SocketContext, WsDeps } from './socket-context.js';
import { refuseTokenSocket, upgradeSocket } from './upgrade-checks.js';

export type { WsDeps } from './socket-context.js';

/**
 * The transport's ceiling, above the protocol's frame limit: frames between the two get a
 * `frame_too_large` error (unparsed) so the sender learns why; only larger ones drop the connection.
 */
export const MAX_TRANSPORT_FRAME_BYTES = 16 * LIMITS.clientFrameBytes;

/**
 * The realtime endpoint `/v1/ws`, one uWebSockets.js callback per step of a connection's life:
 * upgrade ({@link upgradeSocket}), open ({@link openConnection}: limits, admission, welcome), each
 * frame (held until the welcome, then {@link handleFrame}), drain, close.
 */
export function mountWebSocket(deps: WsDeps): void {
  const ctx: SocketContext = { ...deps, limits: new ParticipantLimits() };
  deps.app.ws<SocketData>('/v1/ws', {
    maxPayloadLength: MAX_TRANSPORT_FRAME_BYTES,
    // Hard ceiling: past it uWebSockets.js would skip messages. The sweep closes slow consumers
    // well before (slowConsumerBytes), so a gap never happens silently.
    maxBackpressure: 8 * deps.slowConsumerBytes,
    idleTimeout: 60,
    sendPingsAutomatically: true,
    compression: 0,
    upgrade: (res, req, context) => upgradeSocket(ctx, res, req, context),
    open: (socket) => {
      const ws = asConnection(socket);
      if (ws === null) refuseTokenSocket(ctx, socket);
      else openConnection(ctx, ws);
    },
    message: (socket, data, isBinary) => {
      const ws = asConnection(socket);
      if (ws === null) return;
      const session = ws.getUserData();
      if (session.closed) return;
      // The bytes are uWebSockets.js's own, valid during this callback only. A welcomed connection's
      // frame is read before it returns, so it is not copied (a copy cost more than its decode).
      const bytes = new Uint8Array(data);
      if (!isBinary) {
        refuseInvalid(
          ctx,
          ws,
          session,
          new ProtocolError('malformed_frame', 'frames must be binary MessagePack, not text'),
        );
        return;
      }
      // Until the welcome (which needs the room), frames wait: they are handled right after it.
      if (session.host === null || session.welcomeSeq < 0) holdEarlyFrame(ctx, ws, session, bytes);
      else handleFrame(ctx, ws, session, session.host, bytes);
    },
    drain: (socket) => {
      const ws = asConnection(socket);
      if (ws !== null) closeIfSlow(ws, deps.slowConsumerBytes, deps.metrics);
    },
    close: (socket) => {
      const ws = asConnection(socket);
      if (ws !== null) closeConnection(ctx, ws);
    },
  });
}
