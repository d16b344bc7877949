import type { RoomEvent, ServerMessage } from './events.js';
import { ROOM_EVENT_CHECKS } from './generated/validators.js';

// Apart from the schemas in events.ts, so that a client bundle that only decodes frames does not
// pull TypeBox in through this one function.

/**
 * Whether a server frame is a room event (it has a `seq` and belongs in the room's history).
 *
 * @example
 * ```ts
 * if (isRoomEvent(message)) lastSeq = message.seq;
 * ```
 */
export function isRoomEvent(message: ServerMessage): message is RoomEvent {
  return Object.hasOwn(ROOM_EVENT_CHECKS, message.t);
}
