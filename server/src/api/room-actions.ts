import { HttpProblem } from '../http/request-reply.js';
import type { CommandOutcome, RoomHost } from '../realtime/room-host.js';
import type { RoomRegistry } from '../realtime/room-registry.js';
import type { RoomClientCommand } from '../rooms/index.js';
import type { Owner } from '../storage/accounts.js';
import type { Sql } from '../storage/database.js';
import { findOwnedRoom, type RoomRow } from '../storage/room-listing.js';

/**
 * The room of this account and mode and its host, or 404 `room_not_found` (another account's
 * room, or one of the other mode, looks exactly like a missing one).
 */
export async function ownedRoomHost(
  sql: Sql,
  rooms: RoomRegistry,
  owner: Owner,
  roomId: string,
): Promise<{ row: RoomRow; host: RoomHost }> {
  const row = await findOwnedRoom(sql, owner, roomId);
  if (row === null) throw new HttpProblem('room_not_found');
  const host = await rooms.get(roomId);
  if (host === null) throw new HttpProblem('room_not_found');
  return { row, host };
}

/**
 * Submits a command on behalf of the integrating backend, through the room host, so that the
 * change is decided by the same rules, stored in the log and broadcast to connected participants.
 * The domain runs it like a facilitator who is not a participant (`integration` commands).
 */
export function submitAsIntegration(host: RoomHost, command: RoomClientCommand): Promise<CommandOutcome> {
  return host.submit({ kind: 'integration', command });
}

/** Turns a refused command into the problem the REST API answers with. */
export function expectOk(outcome: CommandOutcome): Extract<CommandOutcome, { ok: true }> {
  if (!outcome.ok) throw new HttpProblem(outcome.code, outcome.message);
  return outcome;
}
