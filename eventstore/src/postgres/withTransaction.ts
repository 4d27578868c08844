import { sql, type DatabasePool, type DatabaseTransactionConnection } from 'slonik';
import { assertSchemaName } from './tables.ts';
import { searchPathOf } from './createPool.ts';

export type TransactionConnection = DatabaseTransactionConnection;

/**
 * Runs `fn` in one transaction whose `search_path` is the service schema (then `public`), so read-model
 * SQL in projections and migrations names its tables unqualified. The connection lives only inside `fn`.
 */
export async function withTransaction<T>(
  pool: DatabasePool,
  schema: string,
  fn: (tx: TransactionConnection) => Promise<T>,
): Promise<T> {
  assertSchemaName(schema);
  const preset = searchPathOf(pool) === schema; // the pool's connections start with this search_path
  return pool.transaction(async (tx) => {
    // set_config(…, true) = SET LOCAL, but takes a bind parameter. It assigns no transaction id (see README, "xid8").
    if (!preset) await tx.query(sql.unsafe`select set_config('search_path', ${`${schema}, public`}, true)`);
    return fn(tx);
  });
}
