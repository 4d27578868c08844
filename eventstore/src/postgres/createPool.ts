import { createPool as createSlonikPool, type ClientConfigurationInput, type DatabasePool } from 'slonik';

export type PoolOptions = ClientConfigurationInput;

/**
 * A slonik pool for one service. Close it on shutdown with `await pool.end()`, after the consumers and
 * relays that use it have stopped (SIGTERM closes in reverse order of creation).
 */
export async function createPool(databaseUrl: string, options: PoolOptions = {}): Promise<DatabasePool> {
  return createSlonikPool(databaseUrl, options);
}
