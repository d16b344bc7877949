import type { Owner } from './accounts.js';
import type { Sql } from './database.js';

/** What an account used in a period. */
export interface Usage {
  readonly rooms: number;
  readonly rounds: number;
  readonly votes: number;
  readonly participants: number;
}

/**
 * Counts the rooms created, rounds revealed, votes cast and participants who joined in `[from, to)`
 * in an account's rooms of one mode. A changed vote counts once: the history keeps a participant's last vote per round.
 */
export async function countUsage(sql: Sql, owner: Owner, from: Date, to: Date): Promise<Usage> {
  const [row] = await sql<{ rooms: string; rounds: string; votes: string; participants: string }[]>`
    with owned as (select id, created_at from rooms where account_id = ${owner.accountId} and mode = ${owner.mode})
    select
      (select count(*) from owned where created_at >= ${from} and created_at < ${to}) as rooms,
      (select count(*) from rounds where room_id in (select id from owned)
        and revealed_at >= ${from} and revealed_at < ${to}) as rounds,
      (select count(*) from votes where room_id in (select id from owned)
        and cast_at >= ${from} and cast_at < ${to}) as votes,
      (select count(*) from participants where room_id in (select id from owned)
        and joined_at >= ${from} and joined_at < ${to}) as participants`;
  return {
    rooms: Number(row?.rooms ?? 0),
    rounds: Number(row?.rounds ?? 0),
    votes: Number(row?.votes ?? 0),
    participants: Number(row?.participants ?? 0),
  };
}
