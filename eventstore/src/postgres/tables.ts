import { sql, type IdentifierSqlToken } from 'slonik';
import { SetupError } from './setupError.ts';

export interface Tables {
  readonly schema: string;
  readonly events: IdentifierSqlToken;
  readonly outbox: IdentifierSqlToken;
  readonly inbox: IdentifierSqlToken;
  readonly relayState: IdentifierSqlToken;
  readonly migrations: IdentifierSqlToken;
}

// Plain lower-case names only: the name also goes into `search_path` and into advisory-lock keys.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema) || schema.startsWith('pg_')) {
    throw new SetupError(
      'INVALID_SCHEMA_NAME',
      `schema name ${JSON.stringify(schema)} must match ${SCHEMA_NAME} and not start with pg_`,
    );
  }
}

/** Schema-qualified identifiers of the tables the library owns in one service schema. */
export function tablesOf(schema: string): Tables {
  assertSchemaName(schema);
  return {
    schema,
    events: sql.identifier([schema, 'events']),
    outbox: sql.identifier([schema, 'outbox']),
    inbox: sql.identifier([schema, 'inbox']),
    relayState: sql.identifier([schema, 'outbox_relay_state']),
    migrations: sql.identifier([schema, 'schema_migrations']),
  };
}
