import type { Migration } from '@alpes/eventstore/postgres';

/**
 * The read model, in the service's schema (search_path; tables unqualified). One row per campaign stream,
 * tombstones included (a deletion that arrived before, or instead of, the creation: `estado` eliminada, no
 * campaign data). The origin fields are persisted (the original never wrote them, D-18).
 * Add a new version for any change: an applied version's SQL must never change.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'campanas read model',
    sql: `
      create table campanas (
        id text primary key,
        nombre text,
        descripcion text,
        tipo_comision text check (tipo_comision in ('cpa', 'cpl', 'cpc')),
        valor_comision numeric(14, 2),
        moneda text,
        fecha_inicio timestamptz,
        fecha_fin timestamptz,
        estado text not null check (estado in ('borrador', 'activa', 'eliminada')),
        categorias_objetivo jsonb not null default '[]',
        material_promocional jsonb,
        criterios_afiliado jsonb,
        influencer_origen_id text,
        influencer_origen_nombre text,
        influencer_origen_email text,
        categoria_origen text,
        es_automatica boolean not null default false,
        fecha_creacion timestamptz,
        fecha_activacion timestamptz,
        razon_eliminacion text,
        fecha_eliminacion timestamptz,
        correlation_id text,
        version integer not null
      );
      create index campanas_influencer_origen on campanas (influencer_origen_id);
      create index campanas_estado_fecha on campanas (estado, fecha_creacion desc);
    `,
  },
];
