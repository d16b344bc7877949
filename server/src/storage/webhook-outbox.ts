import type postgres from 'postgres';
import type { WebhookEventType } from '../webhooks/event-types.js';
import type { Queryable } from './database.js';
import type { StoredEvent } from './event-store.js';

type Tx = Queryable;
type Pending = postgres.PendingQuery<postgres.Row[]>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const json = (value: unknown): postgres.JSONValue =>
  (value === undefined ? null : value) as postgres.JSONValue;

/** The SQL expression that makes a new delivery id: random, and the same on every retry of that delivery. */
export const deliveryId = (tx: Queryable) => tx`'dlv_' || replace(gen_random_uuid()::text, '-', '')`;

/**
 * The outbox insert for one room event: one delivery per enabled endpoint of the room's account
 * that subscribed to the event's webhook type. It runs in the transaction that stores the event,
 * so the delivery exists exactly when the event does: never lost, never enqueued twice.
 * The data is the event's public form, built in SQL where the round's anonymity is known.
 */
export function enqueueWebhooks(tx: Tx, event: StoredEvent): Pending[] {
  const d = event.payload;
  const room = event.roomId;
  const at = new Date(event.at);
  const insert = (type: WebhookEventType, data: Pending, from: Pending = tx``) => tx`
    insert into webhook_deliveries (id, endpoint_id, type, data, created_at)
    select ${deliveryId(tx)}, e.id, ${type}, ${data}, ${at}
    from webhook_endpoints e ${from}
    where (e.account_id, e.mode) = (select account_id, mode from rooms where id = ${room})
      and e.enabled and ${type} = any(e.event_types)`;
  switch (event.type) {
    case 'round.revealed': {
      const roundId = text(d.roundId);
      const votes = tx`${tx.json(json(d.votes ?? []))}::jsonb`;
      // Unknown anonymity hides ids, as on the wire: who voted what cannot be taken back.
      // Anonymous votes are sorted by card, so their order tells nothing about who cast them.
      const data = tx`jsonb_build_object(
        'roomId', ${room}::text, 'roundId', ${roundId}::text, 'storyId', r.story_id,
        'anonymous', coalesce(r.anonymous, true), 'auto', ${d.auto === true}::boolean,
        'votes', case when coalesce(r.anonymous, true)
          then (select coalesce(jsonb_agg(jsonb_build_object('card', v->>'card') order by v->>'card'), '[]'::jsonb)
                from jsonb_array_elements(${votes}) v)
          else ${votes} end,
        'stats', ${tx.json(json(d.stats))}::jsonb)`;
      return [
        insert(
          'round.revealed',
          data,
          tx`left join rounds r on r.room_id = ${room} and r.id = ${roundId ?? ''}`,
        ),
      ];
    }
    case 'round.finalized': {
      const roundId = text(d.roundId);
      const storyId = text(d.storyId);
      const durationMs = typeof d.durationMs === 'number' ? Math.round(d.durationMs) : 0;
      // The reveal stored the round's statistics; the story's projection ran before this insert.
      const stats = tx`(select stats from rounds where room_id = ${room} and id = ${roundId ?? ''})`;
      const round = tx`jsonb_build_object(
        'roomId', ${room}::text, 'roundId', ${roundId}::text, 'storyId', ${storyId}::text,
        'estimate', ${text(d.estimate)}::text, 'durationMs', ${durationMs}::bigint, 'stats', ${stats})`;
      const inserts = [insert('round.finalized', round)];
      if (storyId === null) return inserts;
      const story = tx`jsonb_build_object(
        'roomId', ${room}::text, 'roundId', ${roundId}::text, 'storyId', ${storyId}::text,
        'title', s.title, 'externalId', s.external_id, 'url', s.url,
        'estimate', ${text(d.estimate)}::text, 'durationMs', ${durationMs}::bigint, 'stats', ${stats})`;
      inserts.push(
        insert('story.estimated', story, tx`join stories s on s.room_id = ${room} and s.id = ${storyId}`),
      );
      return inserts;
    }
    case 'room.closed':
      return [insert('room.closed', tx`jsonb_build_object('roomId', ${room}::text)`)];
    case 'participant.joined':
      return [
        insert(
          'participant.joined',
          tx`jsonb_build_object('roomId', ${room}::text, 'participant', ${tx.json(json(d.participant))}::jsonb)`,
        ),
      ];
    default:
      return [];
  }
}
