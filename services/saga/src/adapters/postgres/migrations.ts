import type { Migration } from '@alpes/eventstore/postgres';

export const sagaMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'sagas and saga_log',
    sql: `
create table sagas (
  id_correlacion text primary key,
  id_influencer text not null,
  estado text not null,
  paso_actual text,
  proximo_plazo timestamptz,
  pasos jsonb not null,
  fallo_paso text,
  fallo_codigo text,
  fallo_mensaje text,
  iniciada_en timestamptz not null,
  actualizada_en timestamptz not null,
  terminada_en timestamptz,
  version integer not null
);
create index sagas_plazo on sagas (proximo_plazo) where proximo_plazo is not null;
create index sagas_estado_inicio on sagas (estado, iniciada_en desc);
create index sagas_inicio on sagas (iniciada_en desc);

-- One row per transition: the original README's saga_log (index_paso, comando, evento, error,
-- compensacion, exitosa, fecha_evento), made true, plus the saga state after the transition.
create table saga_log (
  id bigserial primary key,
  id_correlacion text not null,
  index_paso integer,
  paso text,
  evento text not null,
  comando text,
  evento_origen text,
  error text,
  error_codigo text,
  compensacion text,
  exitosa boolean not null,
  estado_saga text not null,
  estado_paso text,
  fecha_evento timestamptz not null
);
create index saga_log_correlacion on saga_log (id_correlacion, id);
`,
  },
];
