export type SetupErrorCode = 'INVALID_SCHEMA_NAME' | 'INVALID_MIGRATIONS' | 'MIGRATION_CHANGED' | 'UNKNOWN_ROLE';

/** A wrong configuration of the adapter (schema name, migration list); fails start-up loudly. */
export class SetupError extends Error {
  readonly code: SetupErrorCode;

  constructor(code: SetupErrorCode, message: string) {
    super(message);
    this.name = 'SetupError';
    this.code = code;
  }
}
