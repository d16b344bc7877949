import { createHash } from 'node:crypto';
import { newId } from '../identity/ids.js';
import type { Owner } from './accounts.js';
import type { Sql } from './database.js';

/** The name an erased participant keeps in rooms, history and the event log. */
export const DELETED_USER_NAME = 'Deleted user';

/** At most this many participant records and votes go into one export (newest first). */
export const EXPORT_LIMITS = { participants: 1000, votes: 10_000 } as const;

/** How many fresh participant ids one person may get in one room after erasures, before a random one. */
const MAX_GENERATIONS = 16;

/** One participant record of a person: their place in one room. */
export interface ExportedParticipant {
  readonly roomId: string;
  readonly roomName: string;
  readonly participantId: string;
  readonly name: string;
  readonly role: string;
  readonly avatarUrl: string | null;
  readonly joinedAt: string;
  readonly leftAt: string | null;
  readonly leftReason: string | null;
}

/** One vote a person cast in a revealed round, with the round's final estimate. */
export interface ExportedVote {
  readonly roomId: string;
  readonly roundId: string;
  readonly participantId: string;
  readonly storyId: string | null;
  readonly storyTitle: string | null;
  readonly anonymous: boolean;
  /** `null` in anonymous rounds: the room was promised that nobody learns who voted what. */
  readonly card: string | null;
  readonly castAt: string;
  readonly revealedAt: string;
  readonly estimate: string | null;
  readonly finalizedAt: string | null;
}

/** Everything the service holds about one external user of an account. */
export interface UserExport {
  readonly participants: ExportedParticipant[];
  readonly votes: ExportedVote[];
  /** Whether a list was cut at {@link EXPORT_LIMITS} (newest entries kept). */
  readonly truncated: boolean;
}

/** A participant record of a person, as erasure needs it. */
export interface UserRecord {
  readonly roomId: string;
  readonly participantId: string;
  readonly closed: boolean;
}

/** What an erasure changed. */
export interface ErasureCounts {
  /** Participant records anonymized. */
  readonly participants: number;
  /** Rooms the person was in. */
  readonly rooms: number;
  /** Room events whose personal data was removed from the log. */
  readonly events: number;
  /** Webhook deliveries (`participant.joined`) whose personal data was removed. */
  readonly webhookDeliveries: number;
  /** Stored answers of token requests (Idempotency-Key replays) dropped: the token names the person. */
  readonly storedResponses: number;
  /** Votes kept, now attached to the anonymized participant. */
  readonly votes: number;
}

/** No erasure: what a second erasure of the same person answers. */
export const NOTHING_ERASED: ErasureCounts = {
  participants: 0,
  rooms: 0,
  events: 0,
  webhookDeliveries: 0,
  storedResponses: 0,
  votes: 0,
};

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/**
 * The participant id of an external user in a room: derived from the room and the external id,
 * so the same person is the same participant on every device. Generation 0 is the original id;
 * once that participant was erased, the next generation is used, so a person who comes back
 * after an erasure is a new participant, unlinked from the anonymized one.
 */
export function derivedParticipantId(roomId: string, externalUserId: string, generation = 0): string {
  const input =
    generation === 0 ? `${roomId}\n${externalUserId}` : `${roomId}\n${externalUserId}\n${generation}`;
  return `p_${createHash('sha256').update(input).digest('base64url').slice(0, 22)}`;
}

/**
 * The participant id a new token of this external user gets in this room: the first derived id
 * that was never erased. A derived id is only ever minted with an external id, which its
 * participant record keeps, so a record of such an id without one is an erased person.
 */
export async function participantIdFor(sql: Sql, roomId: string, externalUserId: string): Promise<string> {
  const candidates = Array.from({ length: MAX_GENERATIONS }, (_, generation) =>
    derivedParticipantId(roomId, externalUserId, generation),
  );
  const erased = await sql<{ id: string }[]>`
    select id from participants
    where room_id = ${roomId} and id in ${sql(candidates)} and external_id is null`;
  const taken = new Set(erased.map((row) => row.id));
  return candidates.find((id) => !taken.has(id)) ?? newId('p');
}

/**
 * Every participant record of an external user in the account's rooms, and every vote they cast
 * in a revealed round, newest first. Votes of rounds still open are secret and stay out, as in
 * the history; anonymous rounds keep that the person voted, not what. Another account's records
 * are never read: the same external id there is another person.
 */
export async function exportUserData(sql: Sql, owner: Owner, externalUserId: string): Promise<UserExport> {
  const participants = await sql<
    {
      roomId: string;
      roomName: string;
      participantId: string;
      name: string;
      role: string;
      avatarUrl: string | null;
      joinedAt: Date;
      leftAt: Date | null;
      leftReason: string | null;
    }[]
  >`
    select p.room_id, r.name as room_name, p.id as participant_id, p.name, p.role, p.avatar_url, p.joined_at, p.left_at, p.left_reason
    from participants p join rooms r on r.id = p.room_id and r.account_id = ${owner.accountId} and r.mode = ${owner.mode}
    where p.external_id = ${externalUserId}
    order by p.joined_at desc, p.room_id
    limit ${EXPORT_LIMITS.participants + 1}`;
  const votes = await sql<
    {
      roomId: string;
      roundId: string;
      participantId: string;
      storyId: string | null;
      storyTitle: string | null;
      anonymous: boolean;
      card: string | null;
      castAt: Date;
      revealedAt: Date;
      estimate: string | null;
      finalizedAt: Date | null;
    }[]
  >`
    select v.room_id, v.round_id, v.participant_id, ro.story_id, s.title as story_title, ro.anonymous,
      case when ro.anonymous then null else v.card end as card,
      v.cast_at, ro.revealed_at, ro.estimate, ro.finalized_at
    from participants p
      join rooms r on r.id = p.room_id and r.account_id = ${owner.accountId} and r.mode = ${owner.mode}
      join votes v on v.room_id = p.room_id and v.participant_id = p.id
      join rounds ro on ro.room_id = v.room_id and ro.id = v.round_id and ro.revealed_at is not null
      left join stories s on s.room_id = ro.room_id and s.id = ro.story_id
    where p.external_id = ${externalUserId}
    order by v.cast_at desc, v.room_id, v.round_id
    limit ${EXPORT_LIMITS.votes + 1}`;
  return {
    participants: participants.slice(0, EXPORT_LIMITS.participants).map((row) => ({
      ...row,
      joinedAt: row.joinedAt.toISOString(),
      leftAt: iso(row.leftAt),
    })),
    votes: votes.slice(0, EXPORT_LIMITS.votes).map((row) => ({
      ...row,
      castAt: row.castAt.toISOString(),
      revealedAt: row.revealedAt.toISOString(),
      finalizedAt: iso(row.finalizedAt),
    })),
    truncated: participants.length > EXPORT_LIMITS.participants || votes.length > EXPORT_LIMITS.votes,
  };
}

/** The participant records of an external user in the account's rooms: what an erasure works on. */
export async function findUserRecords(sql: Sql, owner: Owner, externalUserId: string): Promise<UserRecord[]> {
  return sql<UserRecord[]>`
    select p.room_id, p.id as participant_id, r.closed_at is not null as closed
    from participants p join rooms r on r.id = p.room_id and r.account_id = ${owner.accountId} and r.mode = ${owner.mode}
    where p.external_id = ${externalUserId}
    order by p.room_id, p.id`;
}

/**
 * Removes a person's personal data from storage, in one transaction: in the room event log, every
 * `participant.joined` and `participant.updated` of theirs gets the name {@link DELETED_USER_NAME}
 * and loses `externalId` and `avatarUrl` (ids, roles and presence stay, so the log still folds
 * to a valid room); the participant records lose them too; so do the `participant.joined`
 * webhook deliveries of the account; and stored answers of token requests that name them are
 * dropped. Votes stay, attached to the anonymized participant, so statistics don't change.
 * The rooms' rows are locked first, in id order, like a group commit does, so the two never
 * deadlock and no commit lands halfway through.
 */
export async function eraseUserRecords(
  sql: Sql,
  owner: Owner,
  records: readonly UserRecord[],
): Promise<ErasureCounts> {
  if (records.length === 0) return NOTHING_ERASED;
  const roomIds = [...new Set(records.map((record) => record.roomId))].sort();
  return sql.begin(async (tx) => {
    await tx`select id from rooms where id in ${tx(roomIds)} and account_id = ${owner.accountId} and mode = ${owner.mode}
      order by id for update`;
    let participants = 0;
    let events = 0;
    let webhookDeliveries = 0;
    let storedResponses = 0;
    let votes = 0;
    for (const { roomId, participantId } of records) {
      const scrubbed = await tx`
        update room_events
        set payload = jsonb_set(
          payload #- '{participant,externalId}' #- '{participant,avatarUrl}',
          '{participant,name}', to_jsonb(${DELETED_USER_NAME}::text))
        where room_id = ${roomId}
          and type in ('participant.joined', 'participant.updated')
          and payload->'participant'->>'id' = ${participantId}
          and (payload->'participant'->>'name' is distinct from ${DELETED_USER_NAME}
            or payload->'participant' ?| array['externalId', 'avatarUrl'])`;
      events += scrubbed.count;
      const updated = await tx`
        update participants set name = ${DELETED_USER_NAME}, external_id = null, avatar_url = null
        where room_id = ${roomId} and id = ${participantId}`;
      participants += updated.count;
      const deliveries = await tx`
        update webhook_deliveries
        set data = jsonb_set(
          data #- '{participant,externalId}' #- '{participant,avatarUrl}',
          '{participant,name}', to_jsonb(${DELETED_USER_NAME}::text))
        where type = 'participant.joined'
          and endpoint_id in (select id from webhook_endpoints
            where account_id = ${owner.accountId} and mode = ${owner.mode})
          and data->>'roomId' = ${roomId}
          and data->'participant'->>'id' = ${participantId}
          and (data->'participant'->>'name' is distinct from ${DELETED_USER_NAME}
            or data->'participant' ?| array['externalId', 'avatarUrl'])`;
      webhookDeliveries += deliveries.count;
      const dropped = await tx`
        delete from idempotency_keys
        where account_id = ${owner.accountId} and mode = ${owner.mode} and strpos(body, ${`"participantId":"${participantId}"`}) > 0`;
      storedResponses += dropped.count;
      const [kept] = await tx<{ count: string }[]>`
        select count(*) from votes where room_id = ${roomId} and participant_id = ${participantId}`;
      votes += Number(kept?.count ?? 0);
    }
    return { participants, rooms: roomIds.length, events, webhookDeliveries, storedResponses, votes };
  });
}
