import { sql, UniqueIntegrityConstraintViolationError, type CommonQueryMethods, type SerializableValue } from 'slonik';
import { z } from 'zod';
import { ConcurrencyError } from '../concurrencyError.ts';
import type { Event, EventMetadata, ExpectedVersion, ReadStreamResult, StoredEvent } from '../types.ts';
import { checkExpectedVersion } from './expectedVersion.ts';
import { prepared } from './prepared.ts';
import type { Tables } from './tables.ts';

export interface AppendRequest<E extends Event> {
  readonly streamId: string;
  readonly events: readonly E[];
  readonly expectedVersion: ExpectedVersion;
  readonly metadata?: EventMetadata | undefined;
}

export interface AppendResult<E extends Event> {
  readonly events: StoredEvent<E>[];
  /** The stream's version after the append (unchanged when `events` is empty). */
  readonly newVersion: number;
}

export const eventRow = z.object({
  stream_id: z.string(),
  stream_version: z.number(),
  global_position: z.string(),
  event_id: z.string(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  recorded_at_ms: z.number(),
});

const eventColumns = eventColumnsOf('events');

const eventOrNothing = eventRow.extend({
  stream_id: z.string().nullable(),
  stream_version: z.number().nullable(),
  global_position: z.string().nullable(),
  event_id: z.string().nullable(),
  type: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  recorded_at_ms: z.number().nullable(),
  request: z.number(),
  duplicate: z.boolean(),
});

/** A stream to read, a message id to look up in the inbox, or both (a command handler's first read). */
export interface ReadRequest {
  readonly streamId?: string | undefined;
  readonly inboxId?: string | undefined;
}

export interface ReadResult<E extends Event = Event> {
  /** Empty (version 0) when no stream was asked for. */
  readonly stream: ReadStreamResult<E>;
  /** Whether `inboxId` is in the inbox (false when none was given). */
  readonly duplicate: boolean;
}

/**
 * Reads for several requests in one statement (one round trip, one text for every group size: the requests
 * travel as two arrays): per request, whether its message is already in the inbox and its stream's events.
 * A read: it assigns no transaction id.
 */
export async function readAllWith(
  db: CommonQueryMethods,
  tables: Tables,
  requests: readonly ReadRequest[],
): Promise<ReadResult[]> {
  // Per request, a probe of the inbox's key and an index scan of its stream. Both lateral: the generic plan of a
  // prepared statement cannot know the group's size, and as a join or an `exists` it hashed the whole inbox or
  // events table once per read instead (3–8 ms a read under load, measured); a lateral subquery with its own
  // limit or order is not flattened into a join.
  const rows = await db.any(
    prepared(
      eventOrNothing,
      sql.fragment`
    select q.request::int4 as request, d.duplicate is not null as duplicate, ${eventColumnsOf('e')}
    from unnest(${sql.array(
      requests.map((r) => r.streamId ?? null),
      'text',
    )}, ${sql.array(
      requests.map((r) => r.inboxId ?? null),
      'text',
    )})
      with ordinality as q(stream_id, inbox_id, request)
    left join lateral (select true as duplicate from ${tables.inbox} as i where i.message_id = q.inbox_id limit 1) as d on true
    left join lateral (
      select s.stream_id, s.stream_version, s.global_position, s.event_id, s.type, s.data, s.metadata, s.recorded_at
      from ${tables.events} as s where s.stream_id = q.stream_id order by s.stream_version) as e on true
    order by q.request, e.stream_version`,
    ),
  );
  const results = requests.map(() => ({ events: [] as StoredEvent[], duplicate: false }));
  for (const row of rows) {
    const result = results[row.request - 1];
    if (!result) continue;
    result.duplicate = row.duplicate;
    if (row.stream_id !== null) result.events.push(toStoredEvent(row as z.infer<typeof eventRow>));
  }
  return results.map(({ events, duplicate }) => ({
    stream: { events, currentVersion: events.at(-1)?.streamVersion ?? 0 },
    duplicate,
  }));
}

// Casts keep the result independent of the pool's type parsers (int8 → bigint, timestamptz → number).
export function eventColumnsOf(alias: string) {
  const c = (name: string) => sql.identifier([alias, name]);
  return sql.fragment`
    ${c('stream_id')} as stream_id, ${c('stream_version')} as stream_version, ${c('global_position')}::text as global_position,
    ${c('event_id')}::text as event_id, ${c('type')} as type, ${c('data')} as data, ${c('metadata')} as metadata,
    floor(extract(epoch from ${c('recorded_at')}) * 1000)::float8 as recorded_at_ms`;
}

/**
 * Appends after checking the expected version. Two writers that both pass the check race on the unique
 * (stream_id, stream_version) index; the loser's unique violation becomes a `ConcurrencyError`
 * (its `actual` is then a lower bound: someone else wrote `current + 1`).
 */
export async function appendWith<E extends Event>(
  db: CommonQueryMethods,
  tables: Tables,
  request: AppendRequest<E>,
): Promise<AppendResult<E>> {
  const { streamId, events, expectedVersion } = request;
  const current = await db.oneFirst(sql.type(z.object({ version: z.number() }))`
    select coalesce(max(stream_version), 0)::int4 as version from ${tables.events} where stream_id = ${streamId}`);
  checkExpectedVersion(streamId, expectedVersion, current);
  if (events.length === 0) return { events: [], newVersion: current };
  const payload = events.map((event) => ({ type: event.type, data: event.data }) as SerializableValue);
  try {
    const rows = await db.any(sql.type(eventRow)`
      insert into ${tables.events} (stream_id, stream_version, type, data, metadata)
      select ${streamId}, ${current}::int4 + e.ord::int4, e.value->>'type', e.value->'data', ${sql.jsonb((request.metadata ?? {}) as SerializableValue)}
      from jsonb_array_elements(${sql.jsonb(payload)}) with ordinality as e(value, ord)
      order by e.ord
      returning ${eventColumns}`);
    const stored = rows.map((row) => toStoredEvent<E>(row)).sort((a, b) => a.streamVersion - b.streamVersion);
    return { events: stored, newVersion: current + events.length };
  } catch (error) {
    if (isStreamVersionConflict(error)) throw new ConcurrencyError(streamId, String(expectedVersion), current + 1);
    throw error;
  }
}

function isStreamVersionConflict(error: unknown): boolean {
  return (
    error instanceof UniqueIntegrityConstraintViolationError && error.constraint === 'events_stream_version_unique'
  );
}

export function toStoredEvent<E extends Event = Event>(row: z.infer<typeof eventRow>): StoredEvent<E> {
  return {
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: row.global_position,
    eventId: row.event_id,
    type: row.type as E['type'],
    data: row.data as E['data'],
    metadata: row.metadata,
    recordedAt: new Date(row.recorded_at_ms),
  };
}
