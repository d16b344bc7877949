import { encode, type RoomEvent } from '@pokerroom/protocol';
import { type DomainEvent, type RoomState, toPublicEvent } from '../rooms/index.js';
import type { StoredEvent } from '../storage/event-store.js';

/** A stored event as the domain folds it. */
export function toDomainEvent(stored: StoredEvent): DomainEvent {
  return { t: stored.type, d: stored.payload, at: stored.at } as DomainEvent;
}

/** The frame every participant receives for an event: its public form, with its seq. */
export function publicFrame(event: DomainEvent, after: RoomState, seq: number): Uint8Array {
  const wire = toPublicEvent(event, after);
  return encode({ v: 1, t: wire.t, seq, d: wire.d } as RoomEvent);
}
