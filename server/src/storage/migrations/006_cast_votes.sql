-- A more compact form of the votes-only commit (005): each batch carries its round once and its
-- votes as [seq, participantId, card, at] arrays, where 005 takes every event whole with its room,
-- round, type and key names. The parameter is about a quarter of the size: less for the server to
-- serialize and write to the socket, less for PostgreSQL to parse. A vote's payload is rebuilt as
-- {participantId, card}; the server takes this path only for payloads that are exactly that.
--
-- The rules are 005's, which stays for nodes of the previous release during a rolling deploy: the
-- rooms' rows are locked in id order, a batch is written only if its room's stored seq is still
-- its base, every locked room's stored seq is returned, and the last vote of a participant in a
-- round wins.
create function commit_cast_votes(batches jsonb)
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
    -- A room without a row counts as at -1, as in the general path (see 005).
    where coalesce(l.seq, -1) = b."baseSeq";

  -- Every batch accepted is the rule; otherwise the refused rooms' batches are left out, room by
  -- room (not vote by vote: the votes of a batch are one array).
  everything := cardinality(accepted_ids) = jsonb_array_length(batches);

  if cardinality(accepted_ids) > 0 then
    insert into room_events (room_id, seq, type, payload, created_at)
      select b."roomId", (v->>0)::bigint, 'vote.cast',
        jsonb_build_object('participantId', v->>1, 'card', v->>2), to_timestamp((v->>3)::float8 / 1000)
      from jsonb_to_recordset(batches) as b("roomId" text, votes jsonb)
      cross join lateral jsonb_array_elements(b.votes) as v
      where everything or b."roomId" = any(accepted_ids);

    insert into votes (room_id, round_id, participant_id, card, cast_at)
      select distinct on (1, 2, 3)
        b."roomId", coalesce(b."roundId", ''), v->>1, v->>2, to_timestamp((v->>3)::float8 / 1000)
      from jsonb_to_recordset(batches) as b("roomId" text, "roundId" text, votes jsonb)
      cross join lateral jsonb_array_elements(b.votes) as v
      where everything or b."roomId" = any(accepted_ids)
      order by 1, 2, 3, (v->>0)::bigint desc
      on conflict (room_id, round_id, participant_id)
        do update set card = excluded.card, cast_at = excluded.cast_at;

    update rooms set seq = u.seq, updated_at = now()
      from unnest(accepted_ids, accepted_last) as u(id, seq)
      where rooms.id = u.id;
  end if;

  return query select l.id, l.seq from unnest(locked_ids, locked_seqs) as l(id, seq);
end
$$;
