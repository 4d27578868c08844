import { UniqueIntegrityConstraintViolationError, type CommonQueryMethods, type DatabasePool } from 'slonik';
import { isConcurrencyError } from '../concurrencyError.ts';
import { RetryableConflict } from './retryOnConflict.ts';

/**
 * Runs `work` on a pool connection that survives a unique violation. slonik destroys a connection whenever
 * the work on it throws; a unique violation is how a conflict (a concurrent append, a redelivered message)
 * shows, and each one then cost PostgreSQL a new backend (fork, catalogue caches, the prepared statements
 * parsed and planned again) — measured: about one new connection per conflict under load. A statement that
 * fails on a constraint leaves its connection idle and usable (the statement's implicit transaction is over),
 * so that error is carried out of the connection instead; any other error still destroys it.
 */
export async function onPoolKeepingConnection<T>(
  pool: DatabasePool,
  work: (db: CommonQueryMethods) => Promise<T>,
): Promise<T> {
  const outcome = await pool.connect(async (connection): Promise<{ value: T } | { conflict: unknown }> => {
    try {
      return { value: await work(connection) };
    } catch (error) {
      if (isConflict(error)) return { conflict: error };
      throw error;
    }
  });
  if ('conflict' in outcome) throw outcome.conflict;
  return outcome.value;
}

/** A unique violation, as the driver reports it or as the store translates it (`ConcurrencyError`, `RetryableConflict`). */
function isConflict(error: unknown): boolean {
  return (
    error instanceof UniqueIntegrityConstraintViolationError ||
    isConcurrencyError(error) ||
    error instanceof RetryableConflict
  );
}
