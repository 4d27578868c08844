import { randomUUID } from 'node:crypto';
import {
  sql,
  UniqueIntegrityConstraintViolationError,
  type CommonQueryMethods,
  type FragmentSqlToken,
  type SerializableValue,
} from 'slonik';
import { ConcurrencyError } from '../concurrencyError.ts';
import type { Event, EventMetadata, NewEvent, OutboxMessage, StoredEvent } from '../types.ts';
import { outboxInsert } from './appendOutbox.ts';
import { prepared } from './prepared.ts';
import { RetryableConflict } from './retryOnConflict.ts';
import { eventColumnsOf, eventRow, toStoredEvent } from './streams.ts';
import type { Tables } from './tables.ts';

/** Events decided for one stream at the version the decider read. */
export interface StreamAppend<E extends Event = Event> {
  readonly streamId: string;
  readonly events: readonly E[];
  /** The stream's version when it was read: the events become `readVersion + 1, + 2, …`. */
  readonly readVersion: number;
}

/**
 * Everything one consumed message changes, written by one statement (atomic on its own, so one round trip
 * and no transaction around it): the events, the read-model statements, the outbox rows and the inbox entry.
 */
export interface CommitRequest {
  readonly events: readonly NewEvent[];
  /** Data-modifying statements (insert/update/delete, tables unqualified) run with the append; no two may change the same row. */
  readonly statements?: readonly FragmentSqlToken[];
  readonly outbox?: readonly OutboxMessage[];
  readonly inbox?: { readonly messageId: string; readonly consumer?: string | undefined };
}

/** The appended events as they will be stored: ids, versions and time fixed here, before the insert. */
export function newEvents<E extends Event>(
  append: StreamAppend<E>,
  metadata: EventMetadata = {},
  now = new Date(),
): NewEvent<E>[] {
  return append.events.map((event, i) => ({
    streamId: append.streamId,
    streamVersion: append.readVersion + i + 1,
    eventId: randomUUID(),
    type: event.type,
    data: event.data,
    metadata,
    recordedAt: now,
  }));
}

/**
 * Writes `CommitRequest`s in one statement: a writable CTE each for the events, every projection statement,
 * the outbox rows and the inbox entries. PostgreSQL runs every data-modifying CTE to completion whether or not
 * the final select reads it, and a failure anywhere aborts the whole statement. Several requests (of different
 * messages, the store's group commit through `groupByTurn`) share the statement; the stored events come back per request.
 *
 * Concurrency: a writer that appended the same stream version since it was read makes the insert fail on
 * the unique (stream_id, stream_version) index → `ConcurrencyError`; a concurrent delivery of the same
 * message makes the inbox insert fail on its key → `RetryableConflict`. Both mean "read again and decide
 * again" (`retryOnConflict`), and the re-read then finds the newer version or the inbox entry.
 *
 * Ordering (README, "xid8"): the statement's transaction id is assigned at its first write, after the read
 * that saw the stream's previous commit, so (tx, position) order agrees with stream order.
 */
export async function commitAllWith(
  db: CommonQueryMethods,
  tables: Tables,
  requests: readonly CommitRequest[],
): Promise<StoredEvent[][]> {
  const events = requests.flatMap((r) => r.events);
  const statements = requests.flatMap((r) => r.statements ?? []);
  const outbox = requests.flatMap((r) => r.outbox ?? []);
  const inboxes = requests.flatMap((r) =>
    r.inbox ? [{ message_id: r.inbox.messageId, consumer: r.inbox.consumer ?? '' }] : [],
  );
  const ctes: FragmentSqlToken[] = [];
  if (events.length > 0) ctes.push(sql.fragment`appended as (${eventsInsert(tables, events)})`);
  statements.forEach((statement, i) =>
    ctes.push(sql.fragment`${sql.identifier([`statement_${i}`])} as (${statement})`),
  );
  if (outbox.length > 0) ctes.push(sql.fragment`written as (${outboxInsert(tables, outbox)})`);
  if (inboxes.length > 0) {
    ctes.push(sql.fragment`recorded as (
      insert into ${tables.inbox} (message_id, consumer)
      select i.message_id, i.consumer from jsonb_to_recordset(${sql.jsonb(inboxes)}) as i(message_id text, consumer text))`);
  }
  if (ctes.length === 0) return requests.map(() => []);
  const select =
    events.length > 0
      ? sql.fragment`select ${eventColumnsOf('appended')} from appended order by appended.stream_id, appended.stream_version`
      : sql.fragment`select ${eventColumnsOf('e')} from ${tables.events} as e where false`;
  try {
    const rows = await db.any(prepared(eventRow, sql.fragment`with ${sql.join(ctes, sql.fragment`, `)} ${select}`));
    const stored = new Map(rows.map((row) => [`${row.stream_version}@${row.stream_id}`, toStoredEvent(row)]));
    return requests.map((r) => r.events.flatMap((e) => stored.get(`${e.streamVersion}@${e.streamId}`) ?? []));
  } catch (error) {
    throw (requests.length === 1 && requests[0] ? conflictOf(error, requests[0]) : undefined) ?? error;
  }
}

function eventsInsert(tables: Tables, events: readonly NewEvent[]) {
  const payload = events.map((e) => ({
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt.getTime(),
  })) as SerializableValue;
  return sql.fragment`
    insert into ${tables.events} (stream_id, stream_version, event_id, type, data, metadata, recorded_at)
    select e->>'streamId', (e->>'streamVersion')::int4, (e->>'eventId')::uuid, e->>'type', e->'data', e->'metadata',
      timestamptz 'epoch' + (e->>'recordedAt')::int8 * interval '1 millisecond'
    from jsonb_array_elements(${sql.jsonb(payload)}) with ordinality as t(e, ord)
    order by t.ord
    returning stream_id, stream_version, global_position, event_id, type, data, metadata, recorded_at`;
}

function conflictOf(error: unknown, request: CommitRequest): Error | undefined {
  if (!(error instanceof UniqueIntegrityConstraintViolationError)) return undefined;
  if (error.constraint === 'events_stream_version_unique') {
    const first = request.events[0];
    return new ConcurrencyError(
      first?.streamId ?? '?',
      String((first?.streamVersion ?? 1) - 1),
      first?.streamVersion ?? 1,
    );
  }
  if (error.constraint === 'inbox_pkey' && request.inbox)
    return new RetryableConflict(`message ${request.inbox.messageId} was processed concurrently`);
  return undefined;
}
