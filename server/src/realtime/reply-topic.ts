import { performance } from 'node:perf_hooks';
import { type Connection, type Session, sessionTopic } from './session.js';

/**
 * How long a connection keeps its reply topic after its last reply, in seconds. A connection that
 * only listens (an observer, someone who has not voted yet; heartbeat pings are answered straight
 * to the socket) holds none: uWebSockets.js's topic costs about 0.4 KB of native memory per
 * connection.
 */
export const REPLY_TOPIC_QUIET_SECONDS = 30;

/** Whole seconds of the process's monotonic clock: small enough to stay an unboxed integer. */
export function processSeconds(): number {
  return Math.floor(performance.now() / 1000);
}

/**
 * The connection's reply topic, subscribed to first if it had given it back. Subscribing before
 * the reply is published keeps the order: frames already published to the room's topic for this
 * socket stay queued ahead of it (uWebSockets.js queues a socket's frames in publish order,
 * whatever their topic, and unsubscribing never drops a queued one).
 */
export function holdReplyTopic(ws: Connection, session: Session): string {
  const topic = sessionTopic(session.sessionId);
  if (session.repliedAt < 0) ws.subscribe(topic);
  session.repliedAt = processSeconds();
  return topic;
}

/**
 * Gives the connection's reply topic back once it has been quiet for
 * {@link REPLY_TOPIC_QUIET_SECONDS}; says whether it still holds one.
 */
export function releaseQuietReplyTopic(ws: Connection, session: Session, now: number): boolean {
  if (session.repliedAt < 0 || session.closed || session.evicted) return false;
  if (now - session.repliedAt < REPLY_TOPIC_QUIET_SECONDS) return true;
  ws.unsubscribe(sessionTopic(session.sessionId));
  session.repliedAt = -1;
  return false;
}
