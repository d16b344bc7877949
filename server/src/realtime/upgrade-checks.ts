import type { HttpRequest, HttpResponse, us_socket_context_t, WebSocket } from 'uWebSockets.js';
import { CLOSE_CODES, negotiateVersion, type ProtocolVersion, subprotocolName } from '@pokerroom/protocol';
import { HttpProblem, readRequest, reply } from '../http/request-reply.js';
import type { TokenClaims } from '../identity/participant-tokens.js';
import type { RefusedTokenSocket, Session, SocketData } from './session.js';
import type { SocketContext } from './socket-context.js';
import { errorMessage } from './socket-replies.js';
import { encodeIn } from './wire-versions.js';

/**
 * The upgrade of `/v1/ws`: checks what needs no I/O (protocol version, draining, the token's
 * signature and room) and upgrades at once, inside the handler, where uWebSockets.js has the
 * response corked. Never upgrade later: an asynchronous upgrade is either uncorked (uWS warns on
 * every one) or, corked, can close the new socket right after `open` in this uWebSockets.js build
 * (uWebSockets PR #1929). Refusals that depend on the room (kicked, closed) are close codes then,
 * which browsers can read.
 */
export function upgradeSocket(
  ctx: SocketContext,
  res: HttpResponse,
  req: HttpRequest,
  context: us_socket_context_t,
): void {
  const info = readRequest(req);
  const key = info.headers.get('sec-websocket-key') ?? '';
  const offered = info.headers.get('sec-websocket-protocol');
  const extensions = info.headers.get('sec-websocket-extensions') ?? '';
  const out = reply(res);
  const version = negotiateVersion(offered, ctx.versions);
  if (version === null) {
    out.problem(
      new HttpProblem(
        'unsupported_version',
        `offer one of the supported protocol versions in Sec-WebSocket-Protocol: ${ctx.versions.map(subprotocolName).join(', ')}; got ${offered ?? 'none'}`,
      ),
    );
    return;
  }
  if (ctx.isDraining()) {
    out.problem(
      new HttpProblem('shutting_down', 'this node is shutting down; connect again to reach another one'),
    );
    return;
  }
  const token = info.query.get('token');
  const wantedRoom = info.query.get('room');
  // A refused token still gets its upgrade, then an error frame and a close code: a browser
  // can't read the HTTP status of a refused upgrade, and would only see a dropped connection
  // that it retries for ever. 4100 says fetch a new token; 4000 says retrying cannot help.
  const refuseToken = (refused: RefusedTokenSocket['refused'], message?: string) => {
    const data: RefusedTokenSocket =
      message === undefined
        ? { version: version.version, refused }
        : { version: version.version, refused, message };
    res.upgrade(data, key, version.subprotocol, extensions, context);
  };
  if (token === null || token === '') {
    refuseToken('token_missing');
    return;
  }
  const claims = ctx.tokens.verify(token);
  if (claims === 'token_invalid' || claims === 'token_expired') {
    refuseToken(claims);
    return;
  }
  if (wantedRoom !== null && wantedRoom !== claims.roomId) {
    refuseToken('wrong_room', 'The token was minted for another room.');
    return;
  }
  res.upgrade(newSession(ctx, claims, version.version), key, version.subprotocol, extensions, context);
}

/** The second half of a refused token: once open, the socket gets the error frame and its close code. */
export function refuseTokenSocket(ctx: SocketContext, socket: WebSocket<SocketData>): void {
  const { version, refused, message } = socket.getUserData() as RefusedTokenSocket;
  const code = refused === 'token_expired' ? CLOSE_CODES.token_expired : CLOSE_CODES.forbidden;
  socket.send(encodeIn(version, errorMessage(refused, message)), true);
  ctx.metrics.closes.inc({ code: String(code) });
  socket.end(code, refused);
}

function newSession(ctx: SocketContext, verified: TokenClaims, version: ProtocolVersion): Session {
  // The room's own id when it is in memory: otherwise each connection keeps its token's copy of
  // it (about 40 bytes) in its claims until the open.
  const roomId = ctx.rooms.peek(verified.roomId)?.id;
  const claims = roomId === undefined ? verified : { ...verified, roomId };
  return {
    sessionId: ctx.newSessionId(),
    version,
    participantId: claims.participantId,
    claims,
    limit: null,
    host: null,
    welcomeSeq: -1,
    early: null,
    repliedAt: -1,
    refusals: 0,
    invalidFrames: null,
    closed: false,
    evicted: false,
  };
}
