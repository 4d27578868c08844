import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';

const sagaRow = z.object({
  id_correlacion: z.string(),
  id_influencer: z.string(),
  estado: z.string(),
  paso_actual: z.string().nullable(),
  proximo_plazo: z.string().nullable(),
  pasos: z.record(z.string(), z.unknown()),
  fallo_paso: z.string().nullable(),
  fallo_codigo: z.string().nullable(),
  fallo_mensaje: z.string().nullable(),
  iniciada_en: z.string(),
  actualizada_en: z.string(),
  terminada_en: z.string().nullable(),
  version: z.number(),
});

const logRow = z.object({
  index_paso: z.number().nullable(),
  paso: z.string().nullable(),
  evento: z.string(),
  comando: z.string().nullable(),
  evento_origen: z.string().nullable(),
  error: z.string().nullable(),
  error_codigo: z.string().nullable(),
  compensacion: z.string().nullable(),
  exitosa: z.boolean(),
  estado_saga: z.string(),
  estado_paso: z.string().nullable(),
  fecha_evento: z.string(),
});

/** A timestamptz column as ISO-8601 UTC text, keeping its name. */
const iso = (column: string) =>
  sql.fragment`to_char(${sql.identifier([column])} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ${sql.identifier([column])}`;
const SAGA_COLUMNS = sql.join(
  [
    sql.fragment`id_correlacion, id_influencer, estado, paso_actual, pasos, fallo_paso, fallo_codigo, fallo_mensaje, version`,
    iso('proximo_plazo'),
    iso('iniciada_en'),
    iso('actualizada_en'),
    iso('terminada_en'),
  ],
  sql.fragment`, `,
);

export interface SagaFilter {
  readonly estado?: string;
  /** ISO instants bounding `iniciada_en`. */
  readonly desde?: string;
  readonly hasta?: string;
  readonly page: number;
  readonly limit: number;
}

export function createSagaQueries(pool: DatabasePool, schema = 'saga') {
  const table = (name: string) => sql.identifier([schema, name]);
  return {
    get: async (id: string) => {
      const saga = await pool.maybeOne(
        sql.type(sagaRow)`select ${SAGA_COLUMNS} from ${table('sagas')} where id_correlacion = ${id}`,
      );
      if (!saga) return undefined;
      const log = await pool.any(sql.type(logRow)`
        select index_paso, paso, evento, comando, evento_origen, error, error_codigo, compensacion, exitosa, estado_saga, estado_paso,
          ${iso('fecha_evento')} from ${table('saga_log')} where id_correlacion = ${id} order by id`);
      return { ...saga, log };
    },
    list: async (filter: SagaFilter) => {
      const where = sql.join(
        [
          sql.fragment`true`,
          ...(filter.estado ? [sql.fragment`estado = ${filter.estado}`] : []),
          ...(filter.desde ? [sql.fragment`iniciada_en >= ${filter.desde}::timestamptz`] : []),
          ...(filter.hasta ? [sql.fragment`iniciada_en < ${filter.hasta}::timestamptz`] : []),
        ],
        sql.fragment` and `,
      );
      const items = await pool.any(sql.type(sagaRow)`
        select ${SAGA_COLUMNS} from ${table('sagas')} where ${where}
        order by iniciada_en desc, id_correlacion limit ${filter.limit} offset ${(filter.page - 1) * filter.limit}`);
      const total = await pool.oneFirst(
        sql.type(z.object({ n: z.number() }))`select count(*)::int as n from ${table('sagas')} where ${where}`,
      );
      return { items, page: filter.page, limit: filter.limit, total };
    },
    /** Sagas whose next deadline has passed, oldest first. */
    due: (limit: number) =>
      pool.anyFirst(sql.type(z.object({ id: z.string() }))`
      select id_correlacion as id from ${table('sagas')} where proximo_plazo <= now() order by proximo_plazo limit ${limit}`),
    gauges: () =>
      pool.one(sql.type(z.object({ in_flight: z.number(), overdue: z.number(), oldest_in_flight_seconds: z.number() }))`
      select count(*) filter (where estado in ('en_curso', 'compensando'))::int as in_flight,
             coalesce(extract(epoch from now() - min(iniciada_en) filter (where estado in ('en_curso', 'compensando'))), 0)::float8
               as oldest_in_flight_seconds,
             count(*) filter (where proximo_plazo < now() - interval '5 seconds')::int as overdue
      from ${table('sagas')}`),
  };
}

export type SagaQueries = ReturnType<typeof createSagaQueries>;
