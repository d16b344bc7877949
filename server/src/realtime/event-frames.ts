import { type DomainEvent, type RoomState, toPublicEvent } from '../rooms/index.js';
import type { StoredEvent } from '../storage/event-store.js';
import { VersionedFrame } from './wire-versions.js';

/** A stored event as the domain folds it. */
export function toDomainEvent(stored: StoredEvent): DomainEvent {
  return { t: stored.type, d: stored.payload, at: stored.at } as DomainEvent;
}

/** The frame every participant receives for an event, in each protocol version: its public form, with its seq. */
export function publicFrame(event: DomainEvent, after: RoomState, seq: number): VersionedFrame {
  const wire = toPublicEvent(event, after);
  return new VersionedFrame({ t: wire.t, seq, d: wire.d } as VersionedFrame['message']);
}
