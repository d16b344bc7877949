-- Outbound webhooks: endpoints per account, and the delivery outbox the workers of every node drain.

-- The signing secret is stored as is: signing needs it, so a hash would not do. During a rotation
-- the previous secret keeps signing too, until previous_secret_expires_at.
create table webhook_endpoints (
  id                          text primary key,
  account_id                  text not null references accounts(id) on delete cascade,
  url                         text not null,
  description                 text,
  event_types                 text[] not null,
  enabled                     boolean not null default true,
  disabled_reason             text,
  disabled_at                 timestamptz,
  secret                      text not null,
  previous_secret             text,
  previous_secret_expires_at  timestamptz,
  -- Deliveries in a row that gave up (every retry failed); a success resets it.
  failure_streak              integer not null default 0,
  -- The first failed attempt since the last success; null while the endpoint answers.
  failing_since               timestamptz,
  created_at                  timestamptz not null default now(),
  updated_at                  timestamptz not null default now()
);
create index webhook_endpoints_account_created on webhook_endpoints (account_id, created_at, id);

-- One row per (event, endpoint), inserted in the transaction that stores the room event, so an
-- event is enqueued exactly once and never lost. The id is the delivery id receivers see on every retry.
create table webhook_deliveries (
  id                    text primary key,
  endpoint_id           text not null references webhook_endpoints(id) on delete cascade,
  type                  text not null,
  data                  jsonb not null,
  created_at            timestamptz not null default now(),
  status                text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts              integer not null default 0,
  -- When a worker may (re)try it; a claim moves it forward by a lease, so no other node takes it meanwhile.
  next_attempt_at       timestamptz default now(),
  last_attempt_at       timestamptz,
  last_response_status  integer,
  last_error            text,
  delivered_at          timestamptz
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_endpoint_created on webhook_deliveries (endpoint_id, created_at desc, id desc);

-- Looking up one person's records across an account's rooms (export and erasure).
create index participants_external_id on participants (external_id) where external_id is not null;
