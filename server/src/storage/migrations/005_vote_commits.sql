-- A commit whose batches carry only cast votes (most commits while a round is open) as one
-- statement: one round trip and one statement where the general path (room-batch.ts) takes
-- BEGIN, the row locks, three writes and COMMIT. When rooms commit a vote at a time, those
-- statements are most of what a vote costs the server and PostgreSQL.
--
-- The rules are the general path's: the rooms' rows are locked in id order (so two writers never
-- deadlock), a room's events are written only if its stored seq is still the batch's base, and
-- every locked room's stored seq (before this commit) is returned, so the caller can tell which
-- batches were stored. Votes are upserted as folding them would leave them: the last vote of a
-- participant in a round wins.
create function commit_vote_batches(batches jsonb, events jsonb)
returns table (locked_id text, locked_seq bigint)
language plpgsql as $$
declare
  locked_ids text[];
  locked_seqs bigint[];
  accepted_ids text[];
  accepted_last bigint[];
  everything boolean;
begin
  select coalesce(array_agg(r.id order by r.id), '{}'), coalesce(array_agg(r.seq order by r.id), '{}')
    into locked_ids, locked_seqs
    from (select rooms.id, rooms.seq from rooms
          where rooms.id in (select b."roomId" from jsonb_to_recordset(batches) as b("roomId" text))
          order by rooms.id for update) as r;

  select coalesce(array_agg(b."roomId"), '{}'), coalesce(array_agg(b."lastSeq"), '{}')
    into accepted_ids, accepted_last
    from jsonb_to_recordset(batches) as b("roomId" text, "baseSeq" bigint, "lastSeq" bigint)
    left join unnest(locked_ids, locked_seqs) as l(id, seq) on l.id = b."roomId"
    -- A room without a row counts as at -1, as in the general path: a batch built on that fails
    -- on the events' foreign key, as it must, rather than being reported stored.
    where coalesce(l.seq, -1) = b."baseSeq";

  -- Every batch accepted is the rule (a refusal needs another node writing the same room): then
  -- the events go in unfiltered, since `= any(array)` per event would cost rooms × events.
  everything := cardinality(accepted_ids) = jsonb_array_length(batches);

  if cardinality(accepted_ids) > 0 then
    insert into room_events (room_id, seq, type, payload, created_at)
      select e."roomId", e.seq, e.type, e.payload, to_timestamp(e.at / 1000)
      from jsonb_to_recordset(events) as e("roomId" text, seq bigint, type text, payload jsonb, at float8)
      where everything or e."roomId" = any(accepted_ids);

    insert into votes (room_id, round_id, participant_id, card, cast_at)
      select distinct on (1, 2, 3)
        v."roomId", coalesce(v."roundId", ''), coalesce(v.payload->>'participantId', ''),
        coalesce(v.payload->>'card', ''), to_timestamp(v.at / 1000)
      from jsonb_to_recordset(events) as v("roomId" text, "roundId" text, seq bigint, payload jsonb, at float8)
      where everything or v."roomId" = any(accepted_ids)
      order by 1, 2, 3, v.seq desc
      on conflict (room_id, round_id, participant_id)
        do update set card = excluded.card, cast_at = excluded.cast_at;

    update rooms set seq = u.seq, updated_at = now()
      from unnest(accepted_ids, accepted_last) as u(id, seq)
      where rooms.id = u.id;
  end if;

  return query select l.id, l.seq from unnest(locked_ids, locked_seqs) as l(id, seq);
end
$$;
