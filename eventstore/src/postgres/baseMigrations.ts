import type { Migration } from './migrate.ts';

/**
 * The library's own tables, created in every service schema (run with `search_path` = that schema).
 * Never edit an applied migration: add a new version (the checksum check refuses edits).
 */
export const baseMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'events, outbox, inbox',
    sql: `
create table events (
  global_position bigserial primary key,
  stream_id text not null,
  stream_version integer not null check (stream_version > 0),
  event_id uuid not null default gen_random_uuid(),
  type text not null,
  data jsonb not null,
  metadata jsonb not null default '{}',
  recorded_at timestamptz not null default now(),
  tx xid8 not null default pg_current_xact_id(),
  constraint events_stream_version_unique unique (stream_id, stream_version),
  constraint events_event_id_unique unique (event_id)
);
create index events_tx_position on events (tx, global_position);

create table outbox (
  position bigserial primary key,
  tx xid8 not null default pg_current_xact_id(),
  topic text not null,
  key text not null,
  value bytea not null,
  schema_version integer not null,
  properties jsonb not null default '{}',
  event_time timestamptz not null,
  created_at timestamptz not null default now(),
  relay_seq bigint,
  published_at timestamptz
);
create index outbox_unclaimed on outbox (tx, position) where relay_seq is null;
create unique index outbox_relay_seq on outbox (relay_seq) where published_at is null and relay_seq is not null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

create table outbox_relay_state (
  id integer primary key check (id = 1),
  last_seq bigint not null default 0
);
insert into outbox_relay_state (id) values (1);

create table inbox (
  message_id text primary key,
  consumer text not null default '',
  processed_at timestamptz not null default now()
);
`,
  },
  {
    version: 2,
    name: 'outbox notifications and write-time clock',
    sql: `
-- The relay LISTENs on outbox_<schema>; NOTIFY is delivered at commit, once per inserting statement.
create function outbox_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('outbox_' || tg_table_schema, '');
  return null;
end
$$;
create trigger outbox_notify after insert on outbox for each statement execute function outbox_notify();
-- now() is the transaction's start; the commit-to-ack latency wants the time of the write.
alter table outbox alter column created_at set default clock_timestamp();
`,
  },
  {
    version: 3,
    name: 'outbox cursor',
    sql: `
-- The relay no longer writes to every row (relay_seq, then published_at: two index-changing updates per
-- row). A cursor in outbox_relay_state says how far it has published, in (tx, position) order: the rows
-- after it, below the xid8 horizon, are the next to publish, numbered last_seq + 1, 2, … in that order.
-- Rows below the horizon are final, so the numbering of a batch re-read after a crash is the same, and
-- broker deduplication drops what was already sent.
alter table outbox_relay_state add column last_tx xid8 not null default '0', add column last_position bigint not null default 0;
-- Carry the state of a relay that numbered rows in place: the cursor stops before the first row numbered
-- but not published (it gets the same number again), after the last published one.
do $migrate$
declare
  first_unpublished bigint;
  boundary record;
begin
  select min(relay_seq) into first_unpublished from outbox where relay_seq is not null and published_at is null;
  if first_unpublished is not null then
    update outbox_relay_state set last_seq = first_unpublished - 1 where id = 1;
  end if;
  select o.tx, o.position into boundary from outbox as o where o.published_at is not null order by o.tx desc, o.position desc limit 1;
  if found then
    update outbox_relay_state set last_tx = boundary.tx, last_position = boundary.position where id = 1;
  end if;
end
$migrate$;
drop index outbox_unclaimed;
drop index outbox_relay_seq;
drop index outbox_published_at;
alter table outbox drop column relay_seq, drop column published_at;
create index outbox_tx_position on outbox (tx, position);

-- The relay's hot path in one round trip: moves the cursor past the batch the broker acknowledged
-- (ack_from = the sequence the cursor must be at, else another relay moved it: error), then returns the
-- next rows below the horizon, numbered, and last one row with a null position whose held_back says
-- whether rows after the cursor wait above the horizon (then the relay looks again soon: when the
-- transaction holding them back ends, no NOTIFY of theirs comes). batch_limit 0 only moves the cursor.
create function outbox_claim(ack_tx xid8, ack_position bigint, ack_from bigint, ack_to bigint, batch_limit integer)
returns table ("position" text, relay_seq text, tx text, topic text, key text, value_base64 text, schema_version integer,
               properties jsonb, event_time_ms float8, created_at_ms float8, held_back boolean)
language plpgsql volatile
set search_path from current
as $$
#variable_conflict use_column
declare
  cursor_tx xid8;
  cursor_position bigint;
  cursor_seq bigint;
  horizon xid8;
begin
  if ack_to > ack_from then
    update outbox_relay_state as s set last_tx = ack_tx, last_position = ack_position, last_seq = ack_to
    where s.id = 1 and s.last_seq = ack_from;
    if not found then
      perform 1 from outbox_relay_state as s where s.id = 1 and s.last_seq >= ack_to;
      if not found then
        raise exception 'the outbox cursor is not at publish sequence % (another relay moved it?)', ack_from
          using errcode = 'serialization_failure';
      end if;
    end if;
  end if;
  if batch_limit <= 0 then
    return;
  end if;
  select s.last_tx, s.last_position, s.last_seq into cursor_tx, cursor_position, cursor_seq from outbox_relay_state as s where s.id = 1;
  -- One horizon for both statements below: transactions below it have ended (it only grows), and a row
  -- that is not returned because its tx is at or above it is the one held_back reports.
  horizon := pg_snapshot_xmin(pg_current_snapshot());
  return query
    select o.position::text, (cursor_seq + row_number() over (order by o.tx, o.position))::text, o.tx::text, o.topic, o.key,
      encode(o.value, 'base64'), o.schema_version, o.properties,
      (extract(epoch from o.event_time) * 1000)::float8, (extract(epoch from o.created_at) * 1000)::float8, null::boolean
    from outbox as o
    where (o.tx, o.position) > (cursor_tx, cursor_position) and o.tx < horizon
    order by o.tx, o.position
    limit batch_limit;
  -- An ordered limit-1 scan, not exists(…): the planner drops an EXISTS subquery's order by and may then walk
  -- the whole table, whose rows after the cursor are the newest ones, at the end.
  perform 1 from outbox as o where (o.tx, o.position) > (cursor_tx, cursor_position) and o.tx >= horizon
  order by o.tx, o.position limit 1;
  return query select null::text, null::text, null::text, null::text, null::text, null::text, null::integer, null::jsonb,
    null::float8, null::float8, found;
end
$$;
`,
  },
];
