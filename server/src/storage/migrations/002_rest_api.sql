-- REST API: key names and rotation, per-key rate limits, idempotency records, history lookups.

alter table api_keys add column name text;
-- Requests per second a key may sustain, and its burst; null: the service defaults.
alter table api_keys add column rate_per_second integer;
alter table api_keys add column rate_burst integer;
-- The key a rotation replaced this one with (the old key stays valid until its expires_at).
alter table api_keys add column rotated_to text references api_keys(id) on delete set null;
create index api_keys_account_created on api_keys (account_id, created_at, id);

-- Idempotency-Key records, per account: the request's fingerprint and, once answered, the answer.
-- A row without status is a request in flight; its claim lapses after a while (see idempotency-store.ts).
create table idempotency_keys (
  account_id    text not null references accounts(id) on delete cascade,
  key           text not null,
  fingerprint   text not null,
  status        integer,
  body          text,
  created_at    timestamptz not null default now(),
  primary key (account_id, key)
);
create index idempotency_keys_created on idempotency_keys (created_at);

-- Listing rooms shows each room's current deck and settings: its last room.updated event.
create index room_events_room_type_seq on room_events (room_id, type, seq desc);
create index rooms_account_closed_created on rooms (account_id, (closed_at is not null), created_at desc, id desc);
-- History: rounds of a room in order, votes of a round.
create index rounds_room_started on rounds (room_id, started_at, id);
