import { CLOSE_CODES, ERROR_CODES, type ErrorCode } from '@pokerroom/protocol';
import type { TokenClaims } from '../identity/participant-tokens.js';
import { releaseEarlyFrames } from './early-frames.js';
import type { RoomHost } from './room-host.js';
import type { Connection, Session } from './session.js';
import type { SocketContext } from './socket-context.js';
import { closeWith, send, sendError } from './socket-replies.js';
import { roomTopic } from './wire-versions.js';

/**
 * A participant's socket has opened: count it in (or refuse it over the connection limits), find
 * the room (at once when it is in memory, else once it loads), then admit and join.
 */
export function openConnection(ctx: SocketContext, ws: Connection): void {
  const session = ws.getUserData();
  ctx.connections.add(ws);
  ctx.metrics.connections.inc();
  ctx.metrics.connectionsByVersion.inc({ version: String(session.version) });
  const { claims } = session;
  if (claims === null) return; // uWebSockets.js opens a socket once
  const limit = ctx.limits.open(`${claims.roomId}/${claims.participantId}`, Date.now());
  if (typeof limit === 'string') {
    ctx.metrics.commands.count('connect', limit);
    sendError(
      ws,
      'rate_limited',
      limit === 'too_many_connections'
        ? 'Too many connections of this participant are open. Close one, then retry with backoff.'
        : 'This participant connects too often. Retry with backoff.',
    );
    closeWith(ws, ctx.metrics, CLOSE_CODES.rate_limited, 'rate limited');
    return;
  }
  session.limit = limit;
  // Only the join reads the claims: they go to it from here, and the session keeps none.
  session.claims = null;
  const { roomId } = claims;
  const loaded = ctx.rooms.peek(roomId);
  if (loaded !== undefined) {
    admit(ctx, ws, session, claims, loaded);
    return;
  }
  ctx.rooms.get(roomId).then(
    (found) => admit(ctx, ws, session, claims, found),
    (error: unknown) => {
      ctx.log.warn({ err: error, roomId }, 'room could not be loaded for a connection');
      admit(ctx, ws, session, claims, undefined);
    },
  );
}

/** A participant's socket has closed: count it out and let the room know. */
export function closeConnection(ctx: SocketContext, ws: Connection): void {
  const session = ws.getUserData();
  session.closed = true;
  if (session.limit !== null) ctx.limits.close(session.limit);
  ctx.connections.delete(ws);
  ctx.metrics.connections.dec();
  ctx.metrics.connectionsByVersion.dec({ version: String(session.version) });
  session.host?.detach(session.participantId);
}

/** Lets the connection into its room and joins, or closes it with the code that says why not. */
function admit(
  ctx: SocketContext,
  ws: Connection,
  session: Session,
  claims: TokenClaims,
  found: RoomHost | null | undefined,
): void {
  if (session.closed) return;
  const host = admissionTo(found, session.participantId);
  if (typeof host === 'string') {
    refuseJoin(ctx, ws, host);
    return;
  }
  session.host = host;
  host.attach(session.participantId);
  void join(ctx, ws, session, claims, host);
}

/** Tells the client why it can't be in the room, then closes with the code that says what to do. */
function refuseJoin(ctx: SocketContext, ws: Connection, code: ErrorCode, message?: string): void {
  sendError(ws, code, message);
  closeWith(ws, ctx.metrics, joinCloseCode(code), code);
}

async function join(
  ctx: SocketContext,
  ws: Connection,
  session: Session,
  claims: TokenClaims,
  host: RoomHost,
): Promise<void> {
  const { participantId } = session;
  // Storage down: the person can't be checked, so they are asked to come back (4203), not refused.
  const check = ctx.admitPerson?.(host.id, claims) ?? Promise.resolve(null);
  const refused = await check.catch(() => ({
    code: 'storage_unavailable' as const,
    message: ERROR_CODES.storage_unavailable.message,
  }));
  if (session.closed) return;
  if (refused !== null) {
    refuseJoin(ctx, ws, refused.code, refused.message);
    return;
  }
  const outcome = await host.submit({
    kind: 'join',
    participant: {
      id: claims.participantId,
      name: claims.name,
      role: claims.role,
      ...(claims.avatarUrl === undefined ? {} : { avatarUrl: claims.avatarUrl }),
      ...(claims.externalId === undefined ? {} : { externalId: claims.externalId }),
    },
  });
  if (session.closed) return;
  if (!outcome.ok) {
    refuseJoin(ctx, ws, outcome.code, outcome.message);
    return;
  }
  // Subscribe and welcome in the same tick, from the durable state: every event after the
  // welcome's seq reaches this connection through the topic, and none before it does.
  const { room, seq } = host.snapshot();
  const you = room.participants.find((participant) => participant.id === participantId);
  if (you === undefined) {
    closeWith(ws, ctx.metrics, CLOSE_CODES.forbidden, 'not in room');
    return;
  }
  ws.subscribe(roomTopic(host.id, session.version));
  send(ws, {
    t: 'welcome',
    d: {
      sessionId: session.sessionId,
      you,
      yourVote: host.voteOf(participantId),
      room,
      seq,
      serverTime: Date.now(),
    },
  });
  session.welcomeSeq = seq;
  releaseEarlyFrames(ctx, ws, session, host);
}

/** The room a participant may enter, or why not (`undefined`: the room could not be loaded). */
function admissionTo(host: RoomHost | null | undefined, participantId: string): RoomHost | ErrorCode {
  if (host === undefined) return 'storage_unavailable';
  if (host === null) return 'room_not_found';
  if (host.durable.closed) return 'room_closed';
  if (host.isKicked(participantId)) return 'kicked';
  return host;
}

/** The close code after a refused join: it tells the client whether to come back, and how. */
function joinCloseCode(code: ErrorCode): number {
  if (code === 'kicked') return CLOSE_CODES.kicked;
  // A valid token for a room that no longer exists: it was deleted.
  if (code === 'room_closed' || code === 'room_not_found') return CLOSE_CODES.room_closed;
  return ERROR_CODES[code].retryable ? CLOSE_CODES.unavailable : CLOSE_CODES.forbidden;
}
