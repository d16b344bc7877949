import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import type { Queryable, Sql } from './database.js';

/** The first day of the calendar month (UTC) of a time, as `YYYY-MM-01`. */
export function monthOf(at: number): string {
  const date = new Date(at);
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

/**
 * Who a participant is for metering: the host's own user id when the token carried one (the same
 * person on every device and in every room), otherwise the participant. Hashed, so the billing
 * tables hold no personal data and an erasure has nothing to find there.
 */
export function personKey(participant: {
  readonly id: string;
  readonly externalId?: string | null | undefined;
}): string {
  const who = participant.externalId ? `ext:${participant.externalId}` : `p:${participant.id}`;
  return createHash('sha256').update(who).digest('base64url').slice(0, 32);
}

/**
 * The insert that counts a person as active this month in a live room's account. It runs in the
 * transaction that stores their `participant.joined`, so a person is counted exactly when the
 * join is stored; a second join the same month changes nothing. Test-mode rooms count nothing.
 */
export function countFirstJoin(
  tx: Queryable,
  roomId: string,
  person: string,
  at: number,
): postgres.PendingQuery<postgres.Row[]> {
  return tx`
    insert into active_participants (account_id, month, person, room_id, first_seen_at)
    select account_id, ${monthOf(at)}::date, ${person}, id, ${new Date(at)}
    from rooms where id = ${roomId} and mode = 'live'
    on conflict (account_id, month, person) do nothing`;
}

/** Whether a person already counts this month, and how many do. */
export async function activeStatus(
  sql: Sql,
  accountId: string,
  month: string,
  person: string,
): Promise<{ counted: boolean; total: number }> {
  const [row] = await sql<{ counted: boolean; total: string }[]>`
    select exists(select 1 from active_participants
        where account_id = ${accountId} and month = ${month}::date and person = ${person}) as counted,
      (select count(*) from active_participants where account_id = ${accountId} and month = ${month}::date) as total`;
  return { counted: row?.counted ?? false, total: Number(row?.total ?? 0) };
}
