import type { Migration } from '@alpes/eventstore/postgres';

/**
 * The read model, in the service's schema (search_path; tables unqualified). One row per influencer stream,
 * tombstones included (a deletion that arrived before the creation: `estado` eliminado, no profile data).
 * Add a new version for any change: an applied version's SQL must never change.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'influencers read model',
    sql: `
      create table influencers (
        id text primary key,
        nombre text,
        email text,
        categorias jsonb not null default '[]',
        plataformas jsonb not null default '[]',
        descripcion text,
        biografia text,
        sitio_web text,
        telefono text,
        estado text not null check (estado in ('pendiente', 'eliminado')),
        razon_eliminacion text,
        fecha_registro timestamptz,
        fecha_eliminacion timestamptz,
        correlation_id text,
        version integer not null
      );
      create index influencers_email on influencers (email);
      create index influencers_estado_fecha on influencers (estado, fecha_registro desc);
    `,
  },
  {
    version: 2,
    name: 'stream ids named after the aggregate',
    // Streams were named by the bare influencer id; every one of them is an influencer's. Deploy with the code
    // that writes `influencer-<id>` (an older process still running would go on writing bare ids).
    sql: `update events set stream_id = 'influencer-' || stream_id;`,
  },
];
