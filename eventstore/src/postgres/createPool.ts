import { createPool as createSlonikPool, type ClientConfigurationInput, type DatabasePool } from 'slonik';

export type PoolOptions = ClientConfigurationInput;

/**
 * A slonik pool for one service. Close it on shutdown with `await pool.end()`, after the consumers and
 * relays that use it have stopped (SIGTERM closes in reverse order of creation).
 *
 * A connection goes back to the pool as it is, without slonik's default `DISCARD ALL`: this library only
 * sets transaction-local state (`set_config(…, true)`), and `DISCARD ALL` costs a round trip per query or
 * transaction and throws away the session's cached plans (the relay's `outbox_claim` was re-planned on every
 * call). Pass `resetConnection` to restore it.
 *
 * Idle connections are kept for a minute (slonik's default is 5 s): under bursty load a 5 s pool closed and
 * reopened connections all the time, and each new one costs PostgreSQL a backend (fork, authentication,
 * catalogue caches) and this process a SCRAM handshake.
 */
export async function createPool(databaseUrl: string, options: PoolOptions = {}): Promise<DatabasePool> {
  return createSlonikPool(databaseUrl, { resetConnection: async () => {}, idleTimeout: 60_000, ...options });
}
