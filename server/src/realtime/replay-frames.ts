import { encode, type RoomEvent } from '@pokerroom/protocol';
import { createRoom, type DomainEvent, evolve, toPublicEvent } from '../rooms/index.js';
import type { StoredEvent } from '../storage/event-store.js';

/**
 * The public frames of the stored events after `afterSeq`. The log is folded from its start
 * because a public event can depend on the room at that time (anonymous rounds hide names).
 */
export function replayFrames(events: readonly StoredEvent[], afterSeq: number): Uint8Array[] {
  const first = events[0];
  let state = createRoom({ id: first?.roomId ?? '', name: '' });
  const frames: Uint8Array[] = [];
  for (const stored of events) {
    const event = { t: stored.type, d: stored.payload, at: stored.at } as DomainEvent;
    state = evolve(state, event);
    if (stored.seq <= afterSeq) continue;
    const wire = toPublicEvent(event, state);
    frames.push(encode({ v: 1, t: wire.t, seq: stored.seq, d: wire.d } as RoomEvent));
  }
  return frames;
}
