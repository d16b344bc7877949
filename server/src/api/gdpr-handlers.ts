import { LIMITS } from '@pokerroom/protocol';
import { HttpProblem } from '../http/request-reply.js';
import type { RoomHost } from '../realtime/room-host.js';
import type { StoredEvent } from '../storage/event-store.js';
import { commitRoomBatches } from '../storage/room-batch.js';
import {
  DELETED_USER_NAME,
  eraseUserRecords,
  exportUserData,
  findUserRecords,
  NOTHING_ERASED,
  type UserRecord,
} from '../storage/user-data.js';
import type { Handler, RestDeps } from './handler.js';
import { expectOk, submitAsIntegration } from './room-actions.js';

/** Attempts at appending the anonymized participant to a room that keeps moving meanwhile. */
const REDACT_ATTEMPTS = 5;

function externalUserIdOf(params: Readonly<Record<string, string>>): string {
  const id = params.externalUserId ?? '';
  if (id.length === 0 || id.length > LIMITS.externalIdLength) {
    throw new HttpProblem(
      'invalid_request',
      `externalUserId: must be 1 to ${LIMITS.externalIdLength} characters, got ${id.length}`,
    );
  }
  return id;
}

/** Whether the room in memory still shows something of the person. */
function identifies(host: RoomHost, participantId: string): boolean {
  const participant = host.durable.participants.find((p) => p.id === participantId);
  return (
    participant !== undefined &&
    (participant.name !== DELETED_USER_NAME ||
      participant.externalId !== undefined ||
      participant.avatarUrl !== undefined)
  );
}

/**
 * Data protection: export and erase what the service holds about one person, named by the
 * external user id the integration minted their tokens with, across the account's rooms.
 */
export function gdprHandlers(deps: RestDeps) {
  const { sql, rooms } = deps;

  const exportUser: Handler = async ({ params, key }) => {
    const externalUserId = externalUserIdOf(params);
    const data = await exportUserData(sql, key, externalUserId);
    return { status: 200, body: { externalUserId, exportedAt: new Date().toISOString(), ...data } };
  };

  /**
   * In an open room, through the room itself (its rules, its log, every node's participants):
   * the person is renamed, then removed like a kick, which ends their sessions and refuses the
   * tokens minted for them before (those still carry their name and avatar).
   */
  async function leaveOpenRoom(record: UserRecord): Promise<void> {
    const host = await rooms.get(record.roomId);
    if (host === null || host.durable.closed) return;
    const present = () => host.durable.participants.some((p) => p.id === record.participantId);
    if (!present()) return;
    const participantId = record.participantId;
    for (const command of [
      { t: 'participant.rename', d: { participantId, name: DELETED_USER_NAME } },
      { t: 'participant.kick', d: { participantId } },
    ] as const) {
      const outcome = await submitAsIntegration(host, command);
      // Closed meanwhile, or gone meanwhile: what is left is done without the room's commands.
      if (!outcome.ok && (outcome.code === 'room_closed' || outcome.code === 'participant_not_found')) return;
      expectOk(outcome);
    }
  }

  /**
   * A room in memory that still shows the person (a closed room refuses commands) gets a
   * `participant.updated` with the anonymized participant, appended to its log like another
   * node's write and folded from there, so the log and the room in memory agree.
   */
  async function redactInMemory(host: RoomHost, participantId: string): Promise<void> {
    for (let attempt = 0; attempt < REDACT_ATTEMPTS; attempt++) {
      await host.settle();
      const participant = host.durable.participants.find((p) => p.id === participantId);
      if (participant === undefined || !identifies(host, participantId)) return;
      const event: StoredEvent = {
        roomId: host.id,
        seq: host.durable.seq + 1,
        type: 'participant.updated',
        payload: {
          participant: {
            id: participant.id,
            name: DELETED_USER_NAME,
            role: participant.role,
            presence: participant.presence,
          },
        },
        at: Date.now(),
        roundId: host.durable.round?.id ?? null,
      };
      const results = await commitRoomBatches(sql, [
        { roomId: host.id, baseSeq: host.durable.seq, events: [event] },
      ]);
      host.resync();
      await host.settle();
      if (results.get(host.id)?.ok === true) return;
    }
    throw new Error(`room ${host.id} kept changing while a participant was anonymized`);
  }

  /**
   * Makes the rooms of these records that are in memory agree with the anonymized log, and drops
   * the frames they keep for resumes (old payloads): resumes then read the scrubbed log instead.
   */
  async function redactLoaded(records: readonly UserRecord[]): Promise<void> {
    const byRoom = new Map<string, string[]>();
    for (const record of records)
      byRoom.set(record.roomId, [...(byRoom.get(record.roomId) ?? []), record.participantId]);
    for (const host of await rooms.loaded()) {
      const participantIds = byRoom.get(host.id);
      if (participantIds === undefined) continue;
      for (const participantId of participantIds) await redactInMemory(host, participantId);
      host.replay.reset(host.durable.seq);
    }
  }

  const deleteUser: Handler = async ({ params, key }) => {
    const externalUserId = externalUserIdOf(params);
    const records = await findUserRecords(sql, key, externalUserId);
    if (records.length === 0) return { status: 200, body: NOTHING_ERASED };
    for (const record of records) if (!record.closed) await leaveOpenRoom(record);
    // Before the records lose the external id, so a failure here leaves them for a retry to find.
    await redactLoaded(records);
    const counts = await eraseUserRecords(sql, key, records);
    // Again, for rooms loaded meanwhile: they folded the log before it was scrubbed.
    await redactLoaded(records);
    return { status: 200, body: counts };
  };

  return { exportUser, deleteUser };
}
