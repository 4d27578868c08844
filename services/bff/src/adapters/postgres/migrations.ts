import type { Migration } from '@alpes/eventstore/postgres';

/**
 * The registrations the BFF accepted: which body an `id_influencer` was first sent with, so the same id with
 * another body is a 409 instead of a silent duplicate (issue 16). Add a new version for any change.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'bff registrations',
    sql: `
      create table registros (
        id_influencer text primary key,
        huella text not null,
        id_correlacion text not null,
        aceptado timestamptz not null default now()
      );
    `,
  },
];
