import type { Metrics } from '../ops/metrics.js';
import { processSeconds, releaseQuietReplyTopic } from './reply-topic.js';
import type { RoomRegistry } from './room-registry.js';
import type { Connection } from './session.js';
import { closeIfSlow } from './slow-consumers.js';

/** How often open sockets are swept for slow consumers. */
const SWEEP_MS = 250;

/**
 * Sweeps the node's sockets four times a second: a connection whose send buffer grew past
 * `slowConsumerBytes` is closed (4202) before uWebSockets.js would have to skip messages for it
 * (the client resumes without a gap), a quiet one gives its reply topic back, and the gauges of
 * reply topics and of rooms in memory are brought up to date. Returns the function that stops it.
 */
export function startSocketSweep(deps: {
  readonly connections: ReadonlySet<Connection>;
  readonly slowConsumerBytes: number;
  readonly rooms: RoomRegistry;
  readonly metrics: Metrics;
}): () => void {
  const sweep = setInterval(() => {
    const now = processSeconds();
    let replyTopics = 0;
    for (const ws of deps.connections) {
      closeIfSlow(ws, deps.slowConsumerBytes, deps.metrics);
      if (releaseQuietReplyTopic(ws, ws.getUserData(), now)) replyTopics += 1;
    }
    deps.metrics.replyTopics.set(replyTopics);
    deps.metrics.rooms.set(deps.rooms.size);
  }, SWEEP_MS);
  sweep.unref();
  return () => clearInterval(sweep);
}
