-- Test and live mode: every resource belongs to (account, mode), as in Stripe. A key of one mode
-- never sees the other's rooms, webhook endpoints, idempotency records or usage.
alter table rooms add column mode text not null default 'test' check (mode in ('test', 'live'));
alter table rooms alter column mode drop default;
drop index rooms_account_created;
drop index rooms_account_closed_created;
create index rooms_owner_created on rooms (account_id, mode, created_at desc, id desc);
create index rooms_owner_closed_created on rooms (account_id, mode, (closed_at is not null), created_at desc, id desc);

alter table webhook_endpoints add column mode text not null default 'test' check (mode in ('test', 'live'));
alter table webhook_endpoints alter column mode drop default;
drop index webhook_endpoints_account_created;
create index webhook_endpoints_owner_created on webhook_endpoints (account_id, mode, created_at, id);

alter table idempotency_keys add column mode text not null default 'test' check (mode in ('test', 'live'));
alter table idempotency_keys alter column mode drop default;
alter table idempotency_keys drop constraint idempotency_keys_pkey;
alter table idempotency_keys add primary key (account_id, mode, key);

-- Billing state of an account. `plan_override` is a plan set by an operator (a negotiated
-- contract); without one, the plan follows the Stripe subscription as last retrieved.
alter table accounts add column plan_override text check (plan_override in ('free', 'payg'));
alter table accounts add column stripe_customer_id text unique;
alter table accounts add column stripe_subscription_id text;
alter table accounts add column subscription_status text;
alter table accounts add column current_period_start timestamptz;
alter table accounts add column current_period_end timestamptz;
-- When the subscription became past_due; the paid plan holds for a grace period from then.
alter table accounts add column past_due_since timestamptz;
alter table accounts add column subscription_synced_at timestamptz;

-- Monthly active participants: a person counts once per account and calendar month (UTC), in
-- live mode. Inserted in the transaction that stores the `participant.joined` event that makes
-- the person active, so nothing is counted that was not stored, and nothing stored goes uncounted.
-- `person` is a hash of the token's externalUserId (or of the participant id): no personal data.
create table active_participants (
  account_id     text not null references accounts(id) on delete cascade,
  month          date not null,
  person         text not null,
  room_id        text not null,
  first_seen_at  timestamptz not null,
  -- The usage window this first join was reported in; null until a window takes it.
  window_start   timestamptz,
  primary key (account_id, month, person)
);
create index active_participants_unwindowed on active_participants (first_seen_at) where window_start is null;

-- The metering outbox: one row per (account, window) with the participants who became active
-- in it. A window is created once, in one transaction with the rows it counts; it is marked
-- sent only after Stripe accepted its meter event, whose identifier is derived from the row.
create table usage_windows (
  account_id       text not null references accounts(id) on delete cascade,
  window_start     timestamptz not null,
  window_seconds   integer not null,
  value            integer not null check (value > 0),
  identifier       text not null unique,
  -- pending: to send; sent: Stripe accepted it; unbilled: no paid subscription, kept and shown;
  -- failed: Stripe refused it in a way retrying cannot change (see usage_discrepancies).
  status           text not null check (status in ('pending', 'sent', 'unbilled', 'failed')),
  stripe_customer_id text,
  attempts         integer not null default 0,
  next_attempt_at  timestamptz not null default now(),
  last_error       text,
  created_at       timestamptz not null default now(),
  sent_at          timestamptz,
  primary key (account_id, window_start)
);
create index usage_windows_due on usage_windows (next_attempt_at) where status = 'pending';

-- Stripe webhook events already processed: a replay is answered 200 and changes nothing.
create table stripe_events (
  id            text primary key,
  type          text not null,
  processed_at  timestamptz not null default now()
);

-- What reconciliation found different between us and Stripe. One open row per (account, kind,
-- subject); a later run that finds them equal again resolves it.
create table billing_discrepancies (
  id            text primary key,
  account_id    text not null references accounts(id) on delete cascade,
  kind          text not null check (kind in ('usage_mismatch', 'plan_mismatch', 'meter_event_refused')),
  subject       text not null,
  expected      text,
  actual        text,
  detail        text not null,
  detected_at   timestamptz not null default now(),
  resolved_at   timestamptz
);
create unique index billing_discrepancies_open on billing_discrepancies (account_id, kind, subject) where resolved_at is null;
