import type { Migration } from '@alpes/eventstore/postgres';

/**
 * The read model (tables unqualified: migrations run with search_path = the `contratos` schema). Unlike the
 * original (§8.4), `influencer_email` is NOT unique: the one-active-contract rule lives in the
 * `contrato_activo-<email>` event streams, and an influencer may sign again after a contract ends (D-13).
 */
export const contratosMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'contratos read model',
    sql: `
      create table contratos (
        id text primary key,
        influencer_id text not null,
        influencer_nombre text not null,
        influencer_email text not null,
        campana_id text not null,
        campana_nombre text not null,
        estado text not null check (estado in ('activo', 'finalizado', 'eliminado')),
        tipo_contrato text not null,
        categorias jsonb not null,
        descripcion text not null,
        entregables text,
        monto_base numeric(14, 2) not null,
        moneda text not null,
        fecha_inicio timestamptz not null,
        fecha_fin timestamptz,
        fecha_creacion timestamptz not null,
        fecha_finalizacion timestamptz,
        razon_eliminacion text,
        fecha_eliminacion timestamptz,
        correlation_id text,
        version integer not null
      );
      create index contratos_influencer_email on contratos (influencer_email);
      create index contratos_influencer_id on contratos (influencer_id);
      create index contratos_campana_id on contratos (campana_id);
      create index contratos_creacion on contratos (fecha_creacion desc, id);
    `,
  },
  {
    version: 2,
    name: 'stream ids named after the aggregate',
    // Contracts were named by the bare contract id, email registries `contrato-activo-<email>`; their events tell
    // them apart (a registry holds only ContratoActivo* events), not the names, which could collide.
    sql: `
      update events set stream_id = case
        when type like 'ContratoActivo%' then 'contrato_activo-' || substr(stream_id, length('contrato-activo-') + 1)
        else 'contrato-' || stream_id end;`,
  },
];
