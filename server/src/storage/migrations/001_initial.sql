-- Accounts own rooms and API keys. One row per integrating customer.
create table accounts (
  id          text primary key,
  name        text not null,
  created_at  timestamptz not null default now()
);

-- Secret API keys, stored as SHA-256 hashes: the key itself is shown once and never stored.
create table api_keys (
  id            text primary key,
  account_id    text not null references accounts(id) on delete cascade,
  hash          text not null unique,
  mode          text not null check (mode in ('test', 'live')),
  last4         text not null,
  scopes        text[] not null,
  created_at    timestamptz not null default now(),
  expires_at    timestamptz,
  revoked_at    timestamptz
);

-- Server-wide secrets (the participant-token signing key), shared by every node through the database.
create table server_secrets (
  name        text primary key,
  value       text not null,
  created_at  timestamptz not null default now()
);

create table rooms (
  id          text primary key,
  account_id  text not null references accounts(id) on delete cascade,
  name        text not null,
  seq         bigint not null default 0,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  closed_at   timestamptz
);
create index rooms_account_created on rooms (account_id, created_at desc, id desc);

-- The source of truth: every room event, in order, gap-free per room.
create table room_events (
  room_id     text not null references rooms(id) on delete cascade,
  seq         bigint not null,
  type        text not null,
  payload     jsonb not null,
  created_at  timestamptz not null default now(),
  primary key (room_id, seq)
);

-- Projections of the log, kept in the same transaction, for history and the REST API.
create table participants (
  room_id      text not null references rooms(id) on delete cascade,
  id           text not null,
  name         text not null,
  role         text not null,
  external_id  text,
  avatar_url   text,
  joined_at    timestamptz not null default now(),
  left_at      timestamptz,
  left_reason  text,
  primary key (room_id, id)
);

create table stories (
  room_id        text not null references rooms(id) on delete cascade,
  id             text not null,
  title          text not null,
  description    text,
  external_id    text,
  url            text,
  position       integer not null,
  status         text not null,
  estimate       text,
  time_spent_ms  bigint not null default 0,
  removed_at     timestamptz,
  primary key (room_id, id)
);

create table rounds (
  room_id       text not null references rooms(id) on delete cascade,
  id            text not null,
  story_id      text,
  anonymous     boolean not null,
  started_at    timestamptz not null,
  revealed_at   timestamptz,
  finalized_at  timestamptz,
  stats         jsonb,
  estimate      text,
  primary key (room_id, id)
);

create table votes (
  room_id         text not null references rooms(id) on delete cascade,
  round_id        text not null,
  participant_id  text not null,
  card            text not null,
  cast_at         timestamptz not null default now(),
  primary key (room_id, round_id, participant_id)
);
