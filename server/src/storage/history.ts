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
  storyId: string | null;
  title: string | null;
  externalId: string | null;
  anonymous: boolean;
  startedAt: Date;
  revealedAt: Date;
  finalizedAt: Date | null;
  estimate: string | null;
  stats: Statistics | null;
}

interface VoteRow {
  roundId: string;
  participantId: string;
  name: string | null;
  card: string;
  castAt: Date;
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
    const hidden = anonymous.has(vote.roundId);
    const list = byRound.get(vote.roundId) ?? [];
    list.push({
      participantId: hidden ? null : vote.participantId,
      participantName: hidden ? null : vote.name,
      card: vote.card,
      castAt: vote.castAt.toISOString(),
    });
    byRound.set(vote.roundId, list);
  }
  return rounds.map((r) => ({
    id: r.id,
    story: r.storyId === null ? null : { id: r.storyId, title: r.title ?? '', externalId: r.externalId },
    anonymous: r.anonymous,
    startedAt: r.startedAt.toISOString(),
    revealedAt: r.revealedAt.toISOString(),
    finalizedAt: r.finalizedAt?.toISOString() ?? null,
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

/** One vote of the CSV history, its times formatted as ISO 8601 by PostgreSQL. */
interface CsvRow {
  roundId: string;
  storyId: string | null;
  title: string | null;
  externalId: string | null;
  startedAt: string;
  revealedAt: string;
  finalizedAt: string | null;
  estimate: string | null;
  participantId: string | null;
  participantName: string | null;
  card: string;
  castAt: string;
}

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
  const query = sql<CsvRow[]>`
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
        r.roundId,
        r.storyId,
        r.title,
        r.externalId,
        r.startedAt,
        r.revealedAt,
        r.finalizedAt,
        r.estimate,
        r.participantId,
        r.participantName,
        r.card,
        r.castAt,
      ]),
    );
  });
}
