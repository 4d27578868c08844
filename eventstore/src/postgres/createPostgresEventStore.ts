import type { CommonQueryMethods, DatabasePool } from 'slonik';
import type { Event, EventMetadata, ExpectedVersion, OutboxMessage, ReadStreamResult, StoredEvent } from '../types.ts';
import { commitAllWith, type CommitRequest } from './commit.ts';
import { searchPathOf } from './createPool.ts';
import { appendOutboxWith } from './appendOutbox.ts';
import { recordInboxWith } from './inbox.ts';
import { groupByTurn } from './groupByTurn.ts';
import { onPoolKeepingConnection } from './keepConnection.ts';
import { appendWith, readAllWith, type AppendResult, type ReadRequest, type ReadResult } from './streams.ts';
import { tablesOf } from './tables.ts';
import { withTransaction, type TransactionConnection } from './withTransaction.ts';

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  /** Stored on every appended event. */
  readonly metadata?: EventMetadata;
  /** Join the caller's transaction instead of running one of its own. */
  readonly tx?: TransactionConnection;
}

export interface PostgresEventStore {
  readonly pool: DatabasePool;
  readonly schema: string;
  /** Without `tx`, shares one statement with the other reads of the same event-loop turn (as `readForCommand`). */
  readStream<E extends Event>(streamId: string, options?: { tx?: TransactionConnection }): Promise<ReadStreamResult<E>>;
  /** Throws `ConcurrencyError` (code `CONCURRENCY_CONFLICT`) when the expected version does not hold. */
  appendToStream<E extends Event>(
    streamId: string,
    events: readonly E[],
    options: AppendOptions,
  ): Promise<AppendResult<E>>;
  /** One transaction with `search_path` = the schema; the connection lives only inside `fn`. */
  transaction<T>(fn: (tx: TransactionConnection) => Promise<T>): Promise<T>;
  /** Outbox rows in the caller's transaction; returns their positions. */
  appendOutbox(tx: TransactionConnection, messages: readonly OutboxMessage[]): Promise<string[]>;
  /** Marks a message processed in the caller's transaction; false when it already was (a duplicate). */
  recordInbox(tx: TransactionConnection, messageId: string, consumer?: string): Promise<boolean>;
  /** Whether a message id is already in the inbox (the pool or a transaction). */
  inInbox(db: CommonQueryMethods, messageId: string): Promise<boolean>;
  /**
   * `inInbox` and `readStream` in one round trip (a command handler's first read; the pool or a transaction).
   * On the pool, the reads of the same event-loop turn (a busy consumer's concurrent handlers) share one
   * statement, up to 16: group read, like the group commit.
   */
  readForCommand<E extends Event>(
    db: CommonQueryMethods,
    streamId: string,
    inboxId?: string,
  ): Promise<{ stream: ReadStreamResult<E>; duplicate: boolean }>;
  /**
   * Events, read-model statements, outbox rows and inbox entry in one statement (see `commitAllWith`), shared
   * with the other commits of the same event-loop turn (group commit); returns the stored events. Throws
   * `ConcurrencyError` or `RetryableConflict` (run `retryOnConflict` around read + commit).
   */
  commit(request: CommitRequest): Promise<StoredEvent[]>;
}

export function createPostgresEventStore(options: { pool: DatabasePool; schema: string }): PostgresEventStore {
  const { pool, schema } = options;
  const tables = tablesOf(schema);
  const transaction = <T>(fn: (tx: TransactionConnection) => Promise<T>) => withTransaction(pool, schema, fn);
  // A pool whose connections start with the schema's search_path runs the statement as it is; any other
  // gets a transaction that sets it first (projections name their tables unqualified).
  const commit = groupByTurn((requests: readonly CommitRequest[]) =>
    searchPathOf(pool) === schema
      ? onPoolKeepingConnection(pool, (db) => commitAllWith(db, tables, requests))
      : transaction((tx) => commitAllWith(tx, tables, requests)),
  );
  const groupRead = groupByTurn((requests: readonly ReadRequest[]) => readAllWith(pool, tables, requests));
  const read = async <E extends Event>(db: CommonQueryMethods, request: ReadRequest): Promise<ReadResult<E>> =>
    (db === pool
      ? await groupRead(request)
      : ((await readAllWith(db, tables, [request]))[0] as ReadResult)) as ReadResult<E>;
  return {
    pool,
    schema,
    transaction,
    readStream: async <E extends Event>(streamId: string, readOptions?: { tx?: TransactionConnection }) =>
      (await read<E>(readOptions?.tx ?? pool, { streamId })).stream,
    appendToStream: (streamId, events, appendOptions) => {
      const request = {
        streamId,
        events,
        expectedVersion: appendOptions.expectedVersion,
        metadata: appendOptions.metadata,
      };
      if (appendOptions.tx) return appendWith(appendOptions.tx, tables, request);
      return transaction((tx) => appendWith(tx, tables, request));
    },
    appendOutbox: (tx, messages) => appendOutboxWith(tx, tables, messages),
    recordInbox: (tx, messageId, consumer) => recordInboxWith(tx, tables, { messageId, consumer }),
    inInbox: async (db, messageId) => (await read(db, { inboxId: messageId })).duplicate,
    readForCommand: (db, streamId, inboxId) => read(db, { streamId, inboxId }),
    commit,
  };
}
