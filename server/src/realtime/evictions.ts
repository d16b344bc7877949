import { CLOSE_CODES } from '@pokerroom/protocol';
import type { Metrics } from '../ops/metrics.js';
import type { Connection } from './session.js';
import { closeWith } from './socket-replies.js';

/**
 * Closes the connections a durable event ended: a kicked participant's (4001), or everyone's in
 * a closed room (4004, `participantId` `null`). Counted like every close the server makes.
 */
export function evictConnections(
  connections: ReadonlySet<Connection>,
  metrics: Metrics,
  eviction: { roomId: string; participantId: string | null; code: 'kicked' | 'room_closed' },
): void {
  const closeCode = eviction.code === 'kicked' ? CLOSE_CODES.kicked : CLOSE_CODES.room_closed;
  for (const ws of connections) {
    // A connection not yet admitted has no room: its admission checks the kick and the closing.
    const { host, participantId } = ws.getUserData();
    if (host?.id !== eviction.roomId) continue;
    if (eviction.participantId !== null && participantId !== eviction.participantId) continue;
    closeWith(ws, metrics, closeCode, eviction.code);
  }
}

/** The shortest gap between two slices of socket closes while draining. */
const DRAIN_SLICE_MS = 50;

/**
 * Closes every socket with 1001 (going away), in slices spread over `drainMs` so that clients
 * don't all reconnect to the other nodes at once; a slice every 50 ms at most, because one timer
 * per socket would stretch ten thousand sockets far past the window.
 */
export async function closeAllGradually(
  connections: ReadonlySet<Connection>,
  drainMs: number,
): Promise<void> {
  const sockets = [...connections];
  const slices = Math.min(sockets.length, Math.max(1, Math.floor(drainMs / DRAIN_SLICE_MS)));
  const perSlice = Math.max(1, Math.ceil(sockets.length / slices));
  for (let first = 0; first < sockets.length; first += perSlice) {
    if (first > 0) await new Promise((resolve) => setTimeout(resolve, drainMs / slices));
    for (const ws of sockets.slice(first, first + perSlice)) {
      try {
        ws.end(CLOSE_CODES.going_away, 'server shutting down');
      } catch {
        // closed meanwhile
      }
    }
  }
}
