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
    name: 'outbox claim in one round trip',
    sql: `
-- The relay's hot path as one statement: marks the previous batch published, then numbers the next rows
-- below the xid8 horizon and returns them in publish order. A volatile plpgsql function takes a new
-- snapshot per statement, so the numbering sees every claim committed before the counter lock was won.
create function outbox_claim(published bigint[], batch_limit integer)
returns table ("position" text, relay_seq text, tx text, topic text, key text, value_base64 text, schema_version integer,
               properties jsonb, event_time_ms float8, created_at_ms float8)
language plpgsql volatile
set search_path from current
as $$
#variable_conflict use_column
begin
  if cardinality(published) > 0 then
    update outbox set published_at = clock_timestamp() where outbox.position = any(published) and published_at is null;
  end if;
  perform 1 from outbox_relay_state where id = 1 for update;
  return query
    with next as (
      select c.position, row_number() over (order by c.tx, c.position) as rn
      from (select o.position, o.tx from outbox as o
            where o.relay_seq is null and o.tx < pg_snapshot_xmin(pg_current_snapshot())
            order by o.tx, o.position limit batch_limit) as c),
    numbered as (
      update outbox as o set relay_seq = (select s.last_seq from outbox_relay_state as s where s.id = 1) + next.rn
      from next where o.position = next.position
      returning o.*),
    counter as (
      update outbox_relay_state as s set last_seq = s.last_seq + (select count(*) from numbered) where s.id = 1)
    select n.position::text, n.relay_seq::text, n.tx::text, n.topic, n.key, encode(n.value, 'base64'), n.schema_version,
      n.properties, (extract(epoch from n.event_time) * 1000)::float8, (extract(epoch from n.created_at) * 1000)::float8
    from numbered as n order by n.relay_seq;
end
$$;
`,
  },
];
