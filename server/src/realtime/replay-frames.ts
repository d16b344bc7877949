import { createRoom, evolve } from '../rooms/index.js';
import type { StoredEvent } from '../storage/event-store.js';
import { publicFrame, toDomainEvent } from './event-frames.js';
import type { BroadcastMessage } from './wire-versions.js';

/**
 * The public frames of the stored events after `afterSeq`. The log is folded from its start
 * because a public event can depend on the room at that time (anonymous rounds hide names).
 */
export function replayFrames(events: readonly StoredEvent[], afterSeq: number): BroadcastMessage[] {
  const first = events[0];
  let state = createRoom({ id: first?.roomId ?? '', name: '' });
  const frames: BroadcastMessage[] = [];
  for (const stored of events) {
    const event = toDomainEvent(stored);
    state = evolve(state, event);
    if (stored.seq > afterSeq) frames.push(publicFrame(event, state, stored.seq));
  }
  return frames;
}
