import type postgres from 'postgres';
import { countFirstJoin, personKey } from './active-participants.js';
import type { Queryable } from './database.js';
import type { StoredEvent } from './event-store.js';
import { enqueueWebhooks } from './webhook-outbox.js';

type Tx = Queryable;
type Row = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const row = (value: unknown): Row => (typeof value === 'object' && value !== null ? (value as Row) : {});

/**
 * The SQL that keeps the history tables (participants, stories, rounds, votes) in step with one
 * room event, counts the monthly active participants it makes, and enqueues the webhook
 * deliveries it causes. It runs in the transaction that stores the event, so the tables, the
 * usage and the outbox never disagree with the log. Events that change
 * no history (presence, timers) project to nothing.
 */
function projectEvent(tx: Tx, event: StoredEvent): postgres.PendingQuery<postgres.Row[]>[] {
  return [...projectHistory(tx, event), ...enqueueWebhooks(tx, event)];
}

/**
 * The projections of a whole batch. Votes, the bulk of every batch, become one multi-row upsert
 * (the last change per participant and round wins, as folding them one by one would give);
 * every other event projects on its own.
 */
export function projectEvents(
  tx: Tx,
  events: readonly StoredEvent[],
): postgres.PendingQuery<postgres.Row[]>[] {
  const votes = new Map<string, StoredEvent>();
  const queries: postgres.PendingQuery<postgres.Row[]>[] = [];
  for (const event of events) {
    if (event.type === 'vote.cast' || event.type === 'vote.retracted') {
      const key = `${event.roomId}\n${event.roundId ?? ''}\n${text(event.payload.participantId)}`;
      votes.delete(key); // keep the map in event order: the last change is the one that counts
      votes.set(key, event);
    } else {
      queries.push(...projectEvent(tx, event));
    }
  }
  const cast = [...votes.values()].filter((event) => event.type === 'vote.cast');
  if (cast.length > 0) {
    queries.push(
      tx`insert into votes (room_id, round_id, participant_id, card, cast_at)
         select v."roomId", coalesce(v."roundId", ''), coalesce(v.payload->>'participantId', ''),
           coalesce(v.payload->>'card', ''), to_timestamp(v.at / 1000)
         from jsonb_to_recordset(${JSON.stringify(cast)}::text::jsonb)
           as v("roomId" text, "roundId" text, payload jsonb, at float8)
         on conflict (room_id, round_id, participant_id) do update set card = excluded.card, cast_at = excluded.cast_at`,
    );
  }
  for (const event of votes.values()) {
    if (event.type === 'vote.retracted') queries.push(...projectHistory(tx, event));
  }
  return queries;
}

function projectHistory(tx: Tx, event: StoredEvent): postgres.PendingQuery<postgres.Row[]>[] {
  const d = event.payload;
  const room = event.roomId;
  const at = new Date(event.at);
  switch (event.type) {
    case 'participant.joined':
    case 'participant.updated': {
      const p = row(d.participant);
      const stored = tx`insert into participants (room_id, id, name, role, external_id, avatar_url, joined_at)
           values (${room}, ${text(p.id)}, ${text(p.name)}, ${text(p.role)}, ${text(p.externalId)}, ${text(p.avatarUrl)}, ${at})
           on conflict (room_id, id) do update set name = excluded.name, role = excluded.role,
             avatar_url = excluded.avatar_url, left_at = null, left_reason = null`;
      if (event.type === 'participant.updated') return [stored];
      const person = personKey({ id: text(p.id) ?? '', externalId: text(p.externalId) });
      return [stored, countFirstJoin(tx, room, person, event.at)];
    }
    case 'participant.left':
      return [
        tx`update participants set left_at = ${at}, left_reason = ${text(d.reason)}
           where room_id = ${room} and id = ${text(d.participantId)}`,
      ];
    case 'facilitator.changed':
      return [
        tx`update participants set role = case when id = ${text(d.to)} then 'facilitator' else 'voter' end
           where room_id = ${room} and id in (${text(d.to)}, ${text(d.from) ?? ''})`,
      ];
    case 'vote.cast':
      return [
        tx`insert into votes (room_id, round_id, participant_id, card, cast_at)
           values (${room}, ${event.roundId ?? ''}, ${text(d.participantId)}, ${text(d.card)}, ${at})
           on conflict (room_id, round_id, participant_id) do update set card = excluded.card, cast_at = excluded.cast_at`,
      ];
    case 'vote.retracted':
      return [
        tx`delete from votes where room_id = ${room} and round_id = ${event.roundId ?? ''}
           and participant_id = ${text(d.participantId)}`,
      ];
    case 'round.started':
    case 'round.reset': {
      const r = row(d.round);
      return [
        tx`insert into rounds (room_id, id, story_id, anonymous, started_at)
           values (${room}, ${text(r.id)}, ${text(r.storyId)}, ${r.anonymous === true}, ${new Date(num(r.startedAt))})
           on conflict do nothing`,
      ];
    }
    case 'round.revealed':
      return [
        tx`update rounds set revealed_at = ${at}, stats = ${tx.json(row(d.stats) as postgres.JSONValue)}
           where room_id = ${room} and id = ${text(d.roundId)}`,
      ];
    case 'round.finalized':
      return [
        tx`update rounds set finalized_at = ${at}, estimate = ${text(d.estimate)}
           where room_id = ${room} and id = ${text(d.roundId)}`,
        tx`update stories set status = 'estimated', estimate = ${text(d.estimate)},
             time_spent_ms = time_spent_ms + ${num(d.durationMs)}
           where room_id = ${room} and id = ${text(d.storyId) ?? ''}`,
      ];
    case 'story.added':
      return (Array.isArray(d.stories) ? d.stories : []).map((value) => {
        const s = row(value);
        return tx`insert into stories (room_id, id, title, description, external_id, url, position, status, estimate, time_spent_ms)
          values (${room}, ${text(s.id)}, ${text(s.title)}, ${text(s.description)}, ${text(s.externalId)}, ${text(s.url)},
            (select coalesce(max(position), 0) + 1 from stories where room_id = ${room}),
            ${text(s.status) ?? 'pending'}, ${text(s.estimate)}, ${num(s.timeSpentMs)})`;
      });
    case 'story.updated': {
      const s = row(d.story);
      return [
        tx`update stories set title = ${text(s.title)}, description = ${text(s.description)},
             external_id = ${text(s.externalId)}, url = ${text(s.url)}, status = ${text(s.status)},
             estimate = ${text(s.estimate)}, time_spent_ms = ${num(s.timeSpentMs)}
           where room_id = ${room} and id = ${text(s.id)}`,
      ];
    }
    case 'story.removed':
      return [tx`update stories set removed_at = ${at} where room_id = ${room} and id = ${text(d.storyId)}`];
    case 'story.reordered': {
      const ids = (Array.isArray(d.storyIds) ? d.storyIds : []).filter(
        (id): id is string => typeof id === 'string',
      );
      return ids.map(
        (id, index) => tx`update stories set position = ${index + 1} where room_id = ${room} and id = ${id}`,
      );
    }
    case 'room.updated':
      return [tx`update rooms set name = ${text(d.name) ?? ''} where id = ${room}`];
    case 'room.closed':
      return [tx`update rooms set closed_at = ${at} where id = ${room}`];
    default:
      return [];
  }
}
