import { type ClientMessage, decodeClientMessage, ProtocolError, readVoteCast } from '@pokerroom/protocol';
import type { RoomClientCommand, RoomCommandType } from '../rooms/index.js';
import { refuseInvalid, takeFrame } from './frame-limits.js';
import { resume } from './resume.js';
import type { RoomHost } from './room-host.js';
import type { Connection, Session } from './session.js';
import type { SocketContext } from './socket-context.js';
import { acknowledge, answer, errorMessage, sendAck } from './socket-replies.js';

/** A client frame that is the room's business: every command but `ping` and `resume`. */
export type RoomMessage = Extract<ClientMessage, { readonly t: RoomCommandType }>;

/**
 * The room's command in a client frame. No copy and no cast: each frame `{ v, t, id, d }` is
 * already a command `{ t, d }` of the same `t` (the envelope's `v` and `id` come along unread), and
 * the compiler checks that member by member, so a protocol command the room doesn't know fails here.
 */
export function toRoomCommand(message: RoomMessage): RoomClientCommand {
  return message;
}

/**
 * One frame of a welcomed connection: rate limit, decode, then `ping` and `resume` answered by
 * the session and every other command submitted to the room; its ack or error goes out once the
 * room has stored (or refused) it, unless the connection closed meanwhile. `bytes` are read before
 * this returns and never kept, so they may be a view of a buffer the transport reuses: nothing
 * decoded refers to them (no command carries binary data, and strings are copied out).
 */
export function handleFrame(
  ctx: SocketContext,
  ws: Connection,
  session: Session,
  host: RoomHost,
  bytes: Uint8Array,
): void {
  if (!takeFrame(ctx, ws, session, bytes)) return;
  let message: ClientMessage;
  try {
    // A vote in the layout our encoders write is read without the full decode, to the same message.
    message = readVoteCast(bytes, session.version) ?? decodeClientMessage(bytes, session.version);
  } catch (error) {
    refuseInvalid(
      ctx,
      ws,
      session,
      error instanceof ProtocolError ? error : new ProtocolError('malformed_frame'),
    );
    return;
  }
  if (message.t === 'ping') {
    // Straight to the socket, not through the reply topic: a connection that only sends heartbeats
    // needs none (uWebSockets.js still writes this socket's queued frames first).
    sendAck(ws, message.id, 'ping', { serverTime: Date.now() });
    return;
  }
  if (message.t === 'resume') {
    void resume(ctx, ws, host, message.id, message.d.lastSeq);
    return;
  }
  const { id, t } = message;
  host.submitThen(
    { kind: 'client', actorId: session.participantId, command: toRoomCommand(message) },
    (outcome) => {
      ctx.metrics.commands.count(t, outcome.ok ? 'ok' : outcome.code);
      if (outcome.ok) acknowledge(ctx, ws, id, t, outcome.result);
      else answer(ctx, ws, errorMessage(outcome.code, outcome.message, id, outcome.retryAfterMs));
    },
  );
}
