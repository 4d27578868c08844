import { createHash } from 'node:crypto';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { baseMigrations } from './baseMigrations.ts';
import { migrationQuery } from './migrationQuery.ts';
import { SetupError } from './setupError.ts';
import { tablesOf, type Tables } from './tables.ts';
import { withTransaction, type TransactionConnection } from './withTransaction.ts';

/**
 * One versioned step: SQL text, several statements allowed, run in the migration transaction with
 * `search_path` = the service schema (name tables unqualified). No `create index concurrently`.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export interface MigrateOptions {
  readonly schema: string;
  /** The service's own migrations (read models, saga tables), applied after the library's. */
  readonly migrations?: readonly Migration[];
  /**
   * A role that may read and prune this schema's outbox and move its cursor, and nothing else of the schema: the
   * relay's own role when every process has one (secure mode). Granted by the schema's owner at every start; a
   * role that does not exist is an error.
   */
  readonly outboxReader?: string;
}

export interface AppliedMigration {
  readonly scope: 'eventstore' | 'service';
  readonly version: number;
  readonly name: string;
}

interface Plan {
  readonly scope: AppliedMigration['scope'];
  readonly migrations: readonly Migration[];
}

const appliedRow = z.object({ version: z.number(), checksum: z.string() });

/**
 * Creates the schema and applies the migrations not yet applied, in one transaction, under an advisory
 * lock keyed by the schema name: processes starting together wait for each other, and a failure leaves
 * nothing half-applied. Returns the migrations this call applied (none when already up to date).
 */
export async function migrate(pool: DatabasePool, options: MigrateOptions): Promise<AppliedMigration[]> {
  const tables = tablesOf(options.schema);
  const plans: Plan[] = [
    { scope: 'eventstore', migrations: baseMigrations },
    { scope: 'service', migrations: validated(options.migrations ?? []) },
  ];
  return withTransaction(pool, tables.schema, async (tx) => {
    await tx.query(sql.unsafe`select pg_advisory_xact_lock(hashtextextended(${`alpes.migrate.${tables.schema}`}, 0))`);
    // Only when missing: `create schema if not exists` asks for the CREATE right on the database even when the
    // schema exists, and a service's own role (secure mode) owns its schema without that right.
    const exists = await tx.exists(sql.unsafe`select 1 from pg_namespace where nspname = ${tables.schema}`);
    if (!exists) await tx.query(sql.unsafe`create schema ${sql.identifier([tables.schema])}`);
    await tx.query(sql.unsafe`
      create table if not exists ${tables.migrations} (
        scope text not null,
        version integer not null,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now(),
        primary key (scope, version)
      )`);
    const applied: AppliedMigration[] = [];
    for (const plan of plans) applied.push(...(await applyPlan(tx, tables, plan)));
    if (options.outboxReader) await grantOutbox(tx, tables, options.outboxReader);
    return applied;
  });
}

async function applyPlan(tx: TransactionConnection, tables: Tables, plan: Plan): Promise<AppliedMigration[]> {
  const rows = await tx.any(
    sql.type(appliedRow)`select version, checksum from ${tables.migrations} where scope = ${plan.scope}`,
  );
  const known = new Map(rows.map((row) => [row.version, row.checksum]));
  const applied: AppliedMigration[] = [];
  for (const migration of plan.migrations) {
    const checksum = checksumOf(migration);
    const previous = known.get(migration.version);
    if (previous === checksum) continue;
    if (previous !== undefined) {
      throw new SetupError(
        'MIGRATION_CHANGED',
        `${tables.schema}: ${plan.scope} migration ${migration.version} (${migration.name}) changed after it was applied; add a new version instead`,
      );
    }
    await tx.query(migrationQuery(migration.sql));
    await tx.query(sql.unsafe`
      insert into ${tables.migrations} (scope, version, name, checksum)
      values (${plan.scope}, ${migration.version}, ${migration.name}, ${checksum})`);
    applied.push({ scope: plan.scope, version: migration.version, name: migration.name });
  }
  return applied;
}

async function grantOutbox(tx: TransactionConnection, tables: Tables, role: string): Promise<void> {
  if (!(await tx.exists(sql.unsafe`select 1 from pg_roles where rolname = ${role}`))) {
    throw new SetupError('UNKNOWN_ROLE', `${tables.schema}: the outbox reader role ${role} does not exist`);
  }
  const reader = sql.identifier([role]);
  await tx.query(sql.unsafe`grant usage on schema ${sql.identifier([tables.schema])} to ${reader}`);
  await tx.query(sql.unsafe`grant select, delete on ${tables.outbox} to ${reader}`);
  await tx.query(sql.unsafe`grant select, update on ${tables.relayState} to ${reader}`);
}

/** Sorted by version; versions are positive integers without repeats. */
export function validated(migrations: readonly Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((migration, index) => {
    if (!Number.isInteger(migration.version) || migration.version < 1) {
      throw new SetupError(
        'INVALID_MIGRATIONS',
        `migration version ${migration.version} (${migration.name}) is not a positive integer`,
      );
    }
    if (index > 0 && sorted[index - 1]?.version === migration.version) {
      throw new SetupError('INVALID_MIGRATIONS', `migration version ${migration.version} appears twice`);
    }
  });
  return sorted;
}

function checksumOf(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}
