import type { TemplatedApp } from 'uWebSockets.js';
import {
  CLOSE_CODES,
  type ClientMessage,
  clipErrorMessage,
  decodeClientMessage,
  ERROR_CODES,
  type ErrorCode,
  encode,
  LIMITS,
  negotiateVersion,
  ProtocolError,
  peekRequestId,
  type ServerMessage,
  SUBPROTOCOLS,
} from '@pokerroom/protocol';
import { HttpProblem, readRequest, reply } from '../api/http.js';
import type { TokenClaims, TokenSigner } from '../api/tokens.js';
import type { Logger } from '../ops/logger.js';
import type { Metrics } from '../ops/metrics.js';
import { newId } from '../storage/accounts.js';
import type { Sql } from '../storage/database.js';
import { loadEvents } from '../storage/event-store.js';
import { PARTICIPANT_RATE, ParticipantLimits, TokenBucket } from './rate-limit.js';
import { replayFrames } from './replay-frames.js';
import type { RoomHost } from './room-host.js';
import type { RoomRegistry } from './room-registry.js';
import {
  asConnection,
  type Connection,
  type RefusedTokenSocket,
  roomTopic,
  type Session,
  type SocketData,
  sessionTopic,
} from './session.js';

/** What the WebSocket endpoint needs. */
export interface WsDeps {
  readonly app: TemplatedApp;
  readonly rooms: RoomRegistry;
  readonly tokens: TokenSigner;
  readonly sql: Sql;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly connections: Set<Connection>;
  readonly isDraining: () => boolean;
  /** Send buffer past which a connection is a slow consumer and is closed (it resumes on reconnect). */
  readonly slowConsumerBytes: number;
  /**
   * Whether a person may join (the plan's cap on monthly active participants); `null` lets them
   * in, a refusal is sent as an error frame and the socket closed as forbidden.
   */
  readonly admitPerson?: (
    roomId: string,
    claims: TokenClaims,
  ) => Promise<{ readonly code: ErrorCode; readonly message: string } | null>;
}

/** Room events older than this many are not replayed: a resume that far back gets the snapshot. */
export const MAX_REPLAY_EVENTS = 10_000;
/**
 * Invalid frames a connection may send: a burst of 10, then one every 2 seconds. Valid frames in
 * between don't reset it, so junk mixed with pings is closed (4003) as soon as junk alone would be.
 */
export const INVALID_FRAMES = { capacity: 10, perSecond: 0.5 } as const;
/**
 * The transport's ceiling, above the protocol's frame limit: frames between the two get a
 * `frame_too_large` error (unparsed) so the sender learns why; only larger ones drop the connection.
 */
export const MAX_TRANSPORT_FRAME_BYTES = 16 * LIMITS.clientFrameBytes;

/**
 * The realtime endpoint `/v1/ws`: checks version and token before the upgrade, then runs the
 * session — welcome, commands, acks and errors, resume, rate limit, presence.
 */
export function mountWebSocket(deps: WsDeps): void {
  const { app, log, metrics } = deps;
  const limits = new ParticipantLimits();
  app.ws<SocketData>('/v1/ws', {
    maxPayloadLength: MAX_TRANSPORT_FRAME_BYTES,
    // Hard ceiling: past it uWebSockets.js would skip messages. The sweep closes slow consumers
    // well before (slowConsumerBytes), so a gap never happens silently.
    maxBackpressure: 8 * deps.slowConsumerBytes,
    idleTimeout: 60,
    sendPingsAutomatically: true,
    compression: 0,
    upgrade: (res, req, context) => {
      const info = readRequest(req);
      const key = info.headers.get('sec-websocket-key') ?? '';
      const offered = info.headers.get('sec-websocket-protocol');
      const extensions = info.headers.get('sec-websocket-extensions') ?? '';
      const out = reply(res);
      const version = negotiateVersion(offered);
      if (version === null) {
        out.problem(
          new HttpProblem(
            'unsupported_version',
            `offer one of the supported protocol versions in Sec-WebSocket-Protocol: ${SUBPROTOCOLS.join(', ')}; got ${offered ?? 'none'}`,
          ),
        );
        return;
      }
      if (deps.isDraining()) {
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
        const data: RefusedTokenSocket = message === undefined ? { refused } : { refused, message };
        res.upgrade(data, key, version.subprotocol, extensions, context);
      };
      if (token === null || token === '') {
        refuseToken('token_missing');
        return;
      }
      const claims = deps.tokens.verify(token);
      if (claims === 'token_invalid' || claims === 'token_expired') {
        refuseToken(claims);
        return;
      }
      if (wantedRoom !== null && wantedRoom !== claims.roomId) {
        refuseToken('wrong_room', 'The token was minted for another room.');
        return;
      }
      // Upgrade right here, inside the handler, where uWebSockets.js has the response corked; the
      // room is looked up once the socket is open. Never upgrade later: an asynchronous upgrade
      // is either uncorked (uWS warns on every one) or, corked, can close the new socket right
      // after `open` in this uWebSockets.js build (uWebSockets PR #1929). Refusals that depend on
      // the room (kicked, closed) are close codes then, which browsers can read.
      res.upgrade(newSession(claims, token), key, version.subprotocol, extensions, context);
    },
    open: (socket) => {
      const ws = asConnection(socket);
      if (ws === null) {
        const { refused, message } = socket.getUserData() as RefusedTokenSocket;
        const code = refused === 'token_expired' ? CLOSE_CODES.token_expired : CLOSE_CODES.forbidden;
        socket.send(encode(errorMessage(refused, message)), true);
        metrics.closes.inc({ code: String(code) });
        socket.end(code, refused);
        return;
      }
      const session = ws.getUserData();
      deps.connections.add(ws);
      metrics.connections.inc();
      const refused = limits.open(participantKey(session), session.token, Date.now());
      if (refused !== null) {
        metrics.commands.inc({ type: 'connect', outcome: refused });
        sendError(
          ws,
          'rate_limited',
          refused === 'too_many_connections'
            ? 'Too many connections of this participant are open. Close one, then retry with backoff.'
            : 'This participant connects too often. Retry with backoff.',
        );
        closeWith(ws, CLOSE_CODES.rate_limited, 'rate limited');
        return;
      }
      session.counted = true;
      const roomId = session.claims.roomId;
      const loaded = deps.rooms.peek(roomId);
      if (loaded !== undefined) {
        admit(ws, session, loaded);
        return;
      }
      deps.rooms.get(roomId).then(
        (found) => admit(ws, session, found),
        (error: unknown) => {
          log.warn({ err: error, roomId }, 'room could not be loaded for a connection');
          admit(ws, session, undefined);
        },
      );
    },
    message: (socket, data, isBinary) => {
      const ws = asConnection(socket);
      if (ws === null) return;
      const session = ws.getUserData();
      if (session.closed) return;
      // uWebSockets.js reuses the buffer after this callback: copy before anything async.
      const bytes = new Uint8Array(data.slice(0));
      if (!isBinary) {
        refuseInvalid(
          ws,
          session,
          new ProtocolError('malformed_frame', 'frames must be binary MessagePack, not text'),
        );
        return;
      }
      // Until the welcome (which needs the room), frames wait: they are handled right after it.
      if (session.host === null || session.welcomeSeq < 0) {
        // More than a full burst before the welcome is a flood: the bucket would refuse it anyway.
        if (session.early.length >= PARTICIPANT_RATE.capacity) {
          metrics.commands.inc({ type: 'any', outcome: 'rate_limited' });
          closeWith(ws, CLOSE_CODES.rate_limited, 'rate limited');
          return;
        }
        session.early.push(bytes);
        return;
      }
      handleFrame(ws, session, session.host, bytes);
    },
    drain: (socket) => {
      const ws = asConnection(socket);
      if (ws !== null && ws.getBufferedAmount() > deps.slowConsumerBytes) closeSlowConsumer(ws, metrics);
    },
    close: (socket) => {
      const ws = asConnection(socket);
      if (ws === null) return;
      const session = ws.getUserData();
      session.closed = true;
      if (session.counted) limits.close(participantKey(session), session.token);
      deps.connections.delete(ws);
      metrics.connections.dec();
      session.host?.detach(session.claims.participantId);
    },
  });

  /** Lets the connection into its room and joins, or closes it with the code that says why not. */
  function admit(ws: Connection, session: Session, found: RoomHost | null | undefined): void {
    if (session.closed) return;
    const host = admissionTo(found, session.claims.participantId);
    if (typeof host === 'string') {
      refuseJoin(ws, host);
      return;
    }
    session.host = host;
    host.attach(session.claims.participantId);
    void join(ws, session, host);
  }

  /** Tells the client why it can't be in the room, then closes with the code that says what to do. */
  function refuseJoin(ws: Connection, code: ErrorCode, message?: string): void {
    sendError(ws, code, message);
    closeWith(ws, joinCloseCode(code), code);
  }

  async function join(ws: Connection, session: Session, host: RoomHost): Promise<void> {
    const { claims } = session;
    // Storage down: the person can't be checked, so they are asked to come back (4203), not refused.
    const check = deps.admitPerson?.(host.id, claims) ?? Promise.resolve(null);
    const refused = await check.catch(() => ({
      code: 'storage_unavailable' as const,
      message: ERROR_CODES.storage_unavailable.message,
    }));
    if (session.closed) return;
    if (refused !== null) {
      refuseJoin(ws, refused.code, refused.message);
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
      refuseJoin(ws, outcome.code, outcome.message);
      return;
    }
    // Subscribe and welcome in the same tick, from the durable state: every event after the
    // welcome's seq reaches this connection through the topic, and none before it does.
    const { room, seq } = host.snapshot();
    const you = room.participants.find((participant) => participant.id === claims.participantId);
    if (you === undefined) {
      closeWith(ws, CLOSE_CODES.forbidden, 'not in room');
      return;
    }
    ws.subscribe(roomTopic(host.id));
    ws.subscribe(sessionTopic(session.sessionId));
    send(ws, {
      v: 1,
      t: 'welcome',
      d: {
        sessionId: session.sessionId,
        you,
        yourVote: host.voteOf(claims.participantId),
        room,
        seq,
        serverTime: Date.now(),
      },
    });
    session.welcomeSeq = seq;
    for (const frame of session.early.splice(0)) handleFrame(ws, session, host, frame);
  }

  function handleFrame(ws: Connection, session: Session, host: RoomHost, bytes: Uint8Array): void {
    // Before anything is decoded: a frame over the limit costs a few bytes' look at its envelope.
    if (!limits.take(participantKey(session), Date.now())) {
      session.refusals++;
      metrics.commands.inc({ type: 'any', outcome: 'rate_limited' });
      if (session.refusals > PARTICIPANT_RATE.refusalsBeforeClose) {
        closeWith(ws, CLOSE_CODES.rate_limited, 'rate limited');
        return;
      }
      sendError(ws, 'rate_limited', undefined, peekRequestId(bytes), RATE_LIMITED_RETRY_AFTER_MS);
      return;
    }
    session.refusals = 0;
    let message: ClientMessage;
    try {
      message = decodeClientMessage(bytes);
    } catch (error) {
      refuseInvalid(
        ws,
        session,
        error instanceof ProtocolError ? error : new ProtocolError('malformed_frame'),
      );
      return;
    }
    if (message.t === 'ping') {
      answer(session, { v: 1, t: 'ack', d: { id: message.id, result: { serverTime: Date.now() } } });
      return;
    }
    if (message.t === 'resume') {
      void resume(session, host, message.id, message.d.lastSeq);
      return;
    }
    const { id, t } = message;
    void host
      .submit({
        kind: 'client',
        actorId: session.claims.participantId,
        command: { t, d: message.d } as never,
      })
      .then((outcome) => {
        metrics.commands.inc({ type: t, outcome: outcome.ok ? 'ok' : outcome.code });
        if (session.closed) return;
        answer(
          session,
          outcome.ok
            ? { v: 1, t: 'ack', d: outcome.result === undefined ? { id } : { id, result: outcome.result } }
            : errorMessage(outcome.code, outcome.message, id, outcome.retryAfterMs),
        );
      });
  }

  async function resume(session: Session, host: RoomHost, id: number, lastSeq: number): Promise<void> {
    const until = session.welcomeSeq;
    if (lastSeq >= until) {
      answer(session, { v: 1, t: 'ack', d: { id, result: { replayed: 0, resume: 'replay' } } });
      return;
    }
    let frames = host.replay.range(lastSeq, until);
    if (frames === null && until - lastSeq <= MAX_REPLAY_EVENTS) {
      frames = await replayFromLog(host, lastSeq, until).catch(() => null);
    }
    if (session.closed) return;
    if (frames === null) {
      answer(session, { v: 1, t: 'ack', d: { id, result: { replayed: 0, resume: 'snapshot' } } });
      return;
    }
    // Through the session topic like every reply, so the replayed frames keep their place
    // among events and acks already queued for this socket, and go out in one write.
    const topic = sessionTopic(session.sessionId);
    for (const frame of frames) deps.app.publish(topic, frame, true);
    answer(session, { v: 1, t: 'ack', d: { id, result: { replayed: frames.length, resume: 'replay' } } });
  }

  /** Answers a command of a welcomed session (see {@link sessionTopic}); a no-op once it closed. */
  function answer(session: Session, message: ServerMessage): void {
    deps.app.publish(sessionTopic(session.sessionId), encode(message), true);
  }

  async function replayFromLog(host: RoomHost, afterSeq: number, untilSeq: number): Promise<Uint8Array[]> {
    return replayFrames(await loadEvents(deps.sql, host.id, 0, untilSeq), afterSeq);
  }

  function refuseInvalid(ws: Connection, session: Session, error: ProtocolError): void {
    metrics.commands.inc({ type: 'invalid', outcome: error.code });
    if (!session.invalidFrames.take(Date.now())) {
      closeWith(ws, CLOSE_CODES.protocol_violation, 'too many invalid frames');
      return;
    }
    sendError(ws, error.code, error.message, error.requestId);
  }

  function closeWith(ws: Connection, code: number, reason: string): void {
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
}

/**
 * How long a slow consumer has to read what was queued before its close frame (4202); a peer that
 * reads nothing at all is then dropped, since no close code can reach it through a full buffer.
 */
export const SLOW_CONSUMER_CLOSE_MS = 10_000;

/**
 * Closes a connection that doesn't read fast enough with 4202. Nothing more is queued for it (it
 * leaves every topic first), so the close frame comes right after what is already buffered and a
 * client that reads, however slowly, gets it: it then reconnects with backoff and resumes.
 */
export function closeSlowConsumer(ws: Connection, metrics: Metrics): void {
  const session = ws.getUserData();
  if (session.closed || session.evicted) return;
  session.evicted = true;
  metrics.closes.inc({ code: String(CLOSE_CODES.slow_consumer) });
  try {
    for (const topic of ws.getTopics()) ws.unsubscribe(topic);
    ws.end(CLOSE_CODES.slow_consumer, 'slow consumer');
  } catch {
    return; // already closed by the peer
  }
  const timer = setTimeout(() => {
    if (session.closed) return;
    try {
      ws.close();
    } catch {
      // closed meanwhile
    }
  }, SLOW_CONSUMER_CLOSE_MS);
  timer.unref();
}

/** The room a participant may enter, or why not (`undefined`: the room could not be loaded). */
function admissionTo(host: RoomHost | null | undefined, participantId: string): RoomHost | ErrorCode {
  if (host === undefined) return 'storage_unavailable';
  if (host === null) return 'room_not_found';
  if (host.durable.closed) return 'room_closed';
  if (host.kicked.has(participantId)) return 'kicked';
  return host;
}

/** The close code after a refused join: it tells the client whether to come back, and how. */
function joinCloseCode(code: ErrorCode): number {
  if (code === 'kicked') return CLOSE_CODES.kicked;
  // A valid token for a room that no longer exists: it was deleted.
  if (code === 'room_closed' || code === 'room_not_found') return CLOSE_CODES.room_closed;
  return ERROR_CODES[code].retryable ? CLOSE_CODES.unavailable : CLOSE_CODES.forbidden;
}

/** The key of a participant's limits: participant ids are unique within a room only. */
function participantKey(session: Session): string {
  return `${session.claims.roomId}/${session.claims.participantId}`;
}

function newSession(claims: TokenClaims, token: string): Session {
  return {
    sessionId: newId('ses'),
    claims,
    token,
    counted: false,
    host: null,
    welcomeSeq: -1,
    early: [],
    refusals: 0,
    invalidFrames: new TokenBucket(INVALID_FRAMES.capacity, INVALID_FRAMES.perSecond, Date.now()),
    closed: false,
    evicted: false,
  };
}

function send(ws: Connection, message: ServerMessage): void {
  if (ws.getUserData().closed) return;
  ws.send(encode(message), true);
}

function sendError(
  ws: Connection,
  code: ErrorCode,
  message?: string,
  id?: number,
  retryAfterMs?: number,
): void {
  send(ws, errorMessage(code, message, id, retryAfterMs));
}

/** The retry hint of a command over the rate limit: the time the participant's bucket takes to refill one. */
const RATE_LIMITED_RETRY_AFTER_MS = Math.ceil(1000 / PARTICIPANT_RATE.perSecond);

function errorMessage(code: ErrorCode, message?: string, id?: number, retryAfterMs?: number): ServerMessage {
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
