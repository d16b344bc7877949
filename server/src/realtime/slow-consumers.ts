import { CLOSE_CODES } from '@pokerroom/protocol';
import type { Metrics } from '../ops/metrics.js';
import type { Connection } from './session.js';

/**
 * How long a slow consumer has to read what was queued before its close frame (4202); a peer that
 * reads nothing at all is then dropped, since no close code can reach it through a full buffer.
 */
export const SLOW_CONSUMER_CLOSE_MS = 10_000;

/** Closes the connection as a slow consumer if its send buffer is past `limitBytes`. */
export function closeIfSlow(ws: Connection, limitBytes: number, metrics: Metrics): void {
  if (ws.getBufferedAmount() > limitBytes) closeSlowConsumer(ws, metrics);
}

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
