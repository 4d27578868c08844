// `@alpes/eventstore/postgres`: the PostgreSQL adapter (event store, outbox, inbox, migrations).
export { createPool, type PoolOptions } from './createPool.ts';
export { migrate, type Migration, type MigrateOptions, type AppliedMigration } from './migrate.ts';
export { baseMigrations } from './baseMigrations.ts';
export { createPostgresEventStore, type PostgresEventStore, type AppendOptions } from './createPostgresEventStore.ts';
export type { AppendResult } from './streams.ts';
export { newEvents, type CommitRequest, type StreamAppend } from './commit.ts';
export {
  handleCommand,
  type HandleCommandOptions,
  type HandleCommandResult,
  type Projection,
  type OutboxMapper,
} from './handleCommand.ts';
export { retryOnConflict, backoffMs, RetryableConflict, type RetryOptions } from './retryOnConflict.ts';
export {
  createOutboxReader,
  type ClaimedBatch,
  type ClaimOptions,
  type OutboxReader,
  type OutboxRow,
} from './createOutboxReader.ts';
export { withTransaction, type TransactionConnection } from './withTransaction.ts';
export { SetupError, type SetupErrorCode } from './setupError.ts';
export { postgresTls, type PostgresTls } from './tls.ts';
export type { DatabasePool } from 'slonik';
