import { replayFrames } from './replay-frames.js';
import { holdReplyTopic } from './reply-topic.js';
import type { RoomHost } from './room-host.js';
import type { Connection } from './session.js';
import type { SocketContext } from './socket-context.js';
import { acknowledge } from './socket-replies.js';
import { encodeIn } from './wire-versions.js';

/** Room events older than this many are not replayed: a resume that far back gets the snapshot. */
export const MAX_REPLAY_EVENTS = 10_000;

/**
 * Answers `resume`: the events after `lastSeq` up to the welcome, from the room's replay buffer,
 * else from the stored log (up to {@link MAX_REPLAY_EVENTS} back), else `resume: 'snapshot'` (keep
 * the welcome's state).
 */
export async function resume(
  ctx: SocketContext,
  ws: Connection,
  host: RoomHost,
  id: number,
  lastSeq: number,
): Promise<void> {
  const session = ws.getUserData();
  const until = session.welcomeSeq;
  if (lastSeq >= until) {
    acknowledge(ctx, ws, id, 'resume', { replayed: 0, resume: 'replay' });
    return;
  }
  let frames = host.replay.range(lastSeq, until);
  if (frames === null && until - lastSeq <= MAX_REPLAY_EVENTS) {
    frames = await ctx
      .readLog(host.id, until)
      .then((events) => replayFrames(events, lastSeq))
      .catch(() => null);
  }
  if (session.closed) return;
  if (frames === null) {
    acknowledge(ctx, ws, id, 'resume', { replayed: 0, resume: 'snapshot' });
    return;
  }
  // Through the reply topic like every reply, so the replayed frames keep their place
  // among events and acks already queued for this socket, and go out in one write.
  const topic = holdReplyTopic(ws, session);
  for (const frame of frames) ctx.app.publish(topic, encodeIn(session.version, frame), true);
  acknowledge(ctx, ws, id, 'resume', { replayed: frames.length, resume: 'replay' });
}
