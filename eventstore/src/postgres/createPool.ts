import pg from 'pg';
import { createPool as createSlonikPool, type ClientConfigurationInput, type DatabasePool } from 'slonik';
import { assertSchemaName } from './tables.ts';
import { postgresTls } from './tls.ts';

export interface PoolOptions extends ClientConfigurationInput {
  /**
   * The service schema: every connection starts with `search_path` = it, then `public`, so transactions on
   * it need no `set_config` round trip of their own (`withTransaction` skips it for this schema).
   */
  readonly schema?: string;
  /**
   * Client-side bound on every query of this process's pools (ms; default 60 s, 0 for none). PostgreSQL's
   * `statement_timeout` cannot fire for a query that never reached it: over a link that silently lost its bytes
   * the query would wait forever on a connection that looks alive. Past this the query fails and slonik
   * destroys the connection. node-postgres reads it from its process-wide defaults (slonik passes no such
   * option through), so the last pool created sets it for all.
   */
  readonly queryTimeoutMs?: number;
}

const QUERY_TIMEOUT_MS = 60_000;

/** Pools whose connections already start with `search_path` = the schema, by pool. */
const searchPaths = new WeakMap<DatabasePool, string>();

/** The schema a pool's connections start with as `search_path`, if it was created with one. */
export function searchPathOf(pool: DatabasePool): string | undefined {
  return searchPaths.get(pool);
}

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
  const { schema, queryTimeoutMs = QUERY_TIMEOUT_MS, ...slonik } = options;
  (pg.defaults as { query_timeout?: number }).query_timeout = queryTimeoutMs;
  const tls = postgresTls(databaseUrl);
  const url = new URL(tls.url);
  // A URL that sets its own startup options keeps them (and the per-transaction set_config).
  const withSchema = schema !== undefined && !url.searchParams.has('options');
  if (withSchema) {
    assertSchemaName(schema);
    url.searchParams.set('options', `-c search_path=${schema},public`);
  }
  const pool = await createSlonikPool(url.toString(), {
    resetConnection: async () => {},
    idleTimeout: 60_000,
    ...(tls.ssl ? { ssl: tls.ssl } : {}),
    ...slonik,
  });
  if (withSchema) searchPaths.set(pool, schema);
  return pool;
}
