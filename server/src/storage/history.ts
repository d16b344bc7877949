import type { Statistics } from '@pokerroom/protocol';
import type { Sql } from './database.js';

/** One vote of a revealed round; anonymous rounds keep the card and drop who cast it. */
export interface HistoryVote {
  readonly participantId: string | null;
  readonly participantName: string | null;
  readonly card: string;
  readonly castAt: string;
}

/** A revealed round: its story, its votes, statistics and final estimate. */
export interface HistoryRound {
  readonly id: string;
  readonly story: { readonly id: string; readonly title: string; readonly externalId: string | null } | null;
  readonly anonymous: boolean;
  readonly startedAt: string;
  readonly revealedAt: string;
  readonly finalizedAt: string | null;
  readonly estimate: string | null;
  readonly statistics: Statistics | null;
  readonly votes: HistoryVote[];
}

interface RoundRow {
  id: string;
  story_id: string | null;
  title: string | null;
  external_id: string | null;
  anonymous: boolean;
  started_at: Date;
  revealed_at: Date;
  finalized_at: Date | null;
  estimate: string | null;
  stats: Statistics | null;
}

interface VoteRow {
  round_id: string;
  participant_id: string;
  name: string | null;
  card: string;
  cast_at: Date;
}

/**
 * The revealed rounds of a room, oldest first, with every vote. Votes of rounds not revealed yet
 * are secret and never leave the room; neither do votes cleared by a re-vote.
 */
export async function loadHistory(sql: Sql, roomId: string): Promise<HistoryRound[]> {
  const rounds = await sql<RoundRow[]>`
    select ro.id, ro.story_id, s.title, s.external_id, ro.anonymous, ro.started_at, ro.revealed_at,
      ro.finalized_at, ro.estimate, ro.stats
    from rounds ro left join stories s on s.room_id = ro.room_id and s.id = ro.story_id
    where ro.room_id = ${roomId} and ro.revealed_at is not null
    order by ro.started_at, ro.id`;
  const votes = await sql<VoteRow[]>`
    select v.round_id, v.participant_id, p.name, v.card, v.cast_at
    from votes v
      join rounds ro on ro.room_id = v.room_id and ro.id = v.round_id and ro.revealed_at is not null
      left join participants p on p.room_id = v.room_id and p.id = v.participant_id
    where v.room_id = ${roomId}
    order by v.cast_at, v.participant_id`;
  const byRound = new Map<string, HistoryVote[]>();
  const anonymous = new Set(rounds.filter((r) => r.anonymous).map((r) => r.id));
  for (const vote of votes) {
    const hidden = anonymous.has(vote.round_id);
    const list = byRound.get(vote.round_id) ?? [];
    list.push({
      participantId: hidden ? null : vote.participant_id,
      participantName: hidden ? null : vote.name,
      card: vote.card,
      castAt: vote.cast_at.toISOString(),
    });
    byRound.set(vote.round_id, list);
  }
  return rounds.map((r) => ({
    id: r.id,
    story: r.story_id === null ? null : { id: r.story_id, title: r.title ?? '', externalId: r.external_id },
    anonymous: r.anonymous,
    startedAt: r.started_at.toISOString(),
    revealedAt: r.revealed_at.toISOString(),
    finalizedAt: r.finalized_at?.toISOString() ?? null,
    estimate: r.estimate,
    statistics: r.stats,
    votes: byRound.get(r.id) ?? [],
  }));
}

/** The columns of the CSV history, one row per vote. */
export const HISTORY_CSV_COLUMNS = [
  'round_id',
  'story_id',
  'story_title',
  'story_external_id',
  'round_started_at',
  'round_revealed_at',
  'round_finalized_at',
  'estimate',
  'participant_id',
  'participant_name',
  'card',
  'cast_at',
] as const;

/**
 * Streams the votes of a room's revealed rounds through a database cursor, `batchSize` rows at a
 * time: `onRows` is awaited before the next batch is fetched, so a slow reader holds the query
 * back instead of the server buffering the whole history.
 */
export async function streamHistoryRows(
  sql: Sql,
  roomId: string,
  batchSize: number,
  onRows: (rows: readonly (readonly (string | null)[])[]) => Promise<void>,
): Promise<void> {
  const query = sql<Record<string, string | null>[]>`
    select ro.id as round_id, ro.story_id, s.title, s.external_id,
      to_char(ro.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as started_at,
      to_char(ro.revealed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as revealed_at,
      to_char(ro.finalized_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as finalized_at,
      ro.estimate,
      case when ro.anonymous then null else v.participant_id end as participant_id,
      case when ro.anonymous then null else p.name end as participant_name,
      v.card,
      to_char(v.cast_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as cast_at
    from votes v
      join rounds ro on ro.room_id = v.room_id and ro.id = v.round_id and ro.revealed_at is not null
      left join stories s on s.room_id = ro.room_id and s.id = ro.story_id
      left join participants p on p.room_id = v.room_id and p.id = v.participant_id
    where v.room_id = ${roomId}
    order by ro.started_at, ro.id, v.cast_at, v.participant_id`;
  await query.cursor(batchSize, async (rows) => {
    await onRows(
      rows.map((r) => [
        r.round_id ?? null,
        r.story_id ?? null,
        r.title ?? null,
        r.external_id ?? null,
        r.started_at ?? null,
        r.revealed_at ?? null,
        r.finalized_at ?? null,
        r.estimate ?? null,
        r.participant_id ?? null,
        r.participant_name ?? null,
        r.card ?? null,
        r.cast_at ?? null,
      ]),
    );
  });
}
