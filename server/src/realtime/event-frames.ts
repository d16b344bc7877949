import { type DomainEvent, type RoomState, toPublicEvent } from '../rooms/index.js';
import type { StoredEvent } from '../storage/event-store.js';
import type { BroadcastMessage } from './wire-versions.js';

/** A stored event as the domain folds it. */
export function toDomainEvent(stored: StoredEvent): DomainEvent {
  return { t: stored.type, d: stored.payload, at: stored.at } as DomainEvent;
}

/** The message every participant receives for an event: its public form, with its seq. */
export function publicFrame(event: DomainEvent, after: RoomState, seq: number): BroadcastMessage {
  const wire = toPublicEvent(event, after);
  return { t: wire.t, seq, d: wire.d } as BroadcastMessage;
}
