import { sql } from 'slonik';
import type { DatabasePool } from 'slonik';
import { z } from 'zod';

export const estadosContrato = ['activo', 'finalizado', 'eliminado'] as const;

const contratoRow = z.object({
  id: z.string(),
  influencer_id: z.string(),
  influencer_nombre: z.string(),
  influencer_email: z.string(),
  campana_id: z.string(),
  campana_nombre: z.string(),
  estado: z.enum(estadosContrato),
  tipo_contrato: z.string(),
  categorias: z.array(z.string()),
  descripcion: z.string(),
  entregables: z.string().nullable(),
  monto_base: z.string(),
  moneda: z.string(),
  fecha_inicio: z.string(),
  fecha_fin: z.string().nullable(),
  fecha_creacion: z.string(),
  fecha_finalizacion: z.string().nullable(),
  razon_eliminacion: z.string().nullable(),
  fecha_eliminacion: z.string().nullable(),
  correlation_id: z.string().nullable(),
  version: z.number(),
});

/** A row of the read model as the API returns it: money as an exact decimal string, instants ISO-8601 UTC. */
export type ContratoView = z.infer<typeof contratoRow>;

export interface ContratoFilter {
  readonly influencer_id?: string | undefined;
  readonly campana_id?: string | undefined;
  readonly email?: string | undefined;
  readonly estado?: (typeof estadosContrato)[number] | undefined;
  readonly page: number;
  readonly limit: number;
}

export interface ContratoPage {
  readonly items: readonly ContratoView[];
  readonly total: number;
  readonly page: number;
  readonly limit: number;
}

/** The read side port of the HTTP adapter. */
export interface ContratoQueries {
  byId(id: string): Promise<ContratoView | null>;
  list(filter: ContratoFilter): Promise<ContratoPage>;
}

const iso = (column: string) =>
  sql.fragment`to_char(${sql.identifier([column])} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const columns = sql.fragment`
  id, influencer_id, influencer_nombre, influencer_email, campana_id, campana_nombre, estado, tipo_contrato, categorias, descripcion,
  entregables, monto_base::text as monto_base, moneda, ${iso('fecha_inicio')} as fecha_inicio, ${iso('fecha_fin')} as fecha_fin,
  ${iso('fecha_creacion')} as fecha_creacion, ${iso('fecha_finalizacion')} as fecha_finalizacion, razon_eliminacion,
  ${iso('fecha_eliminacion')} as fecha_eliminacion, correlation_id, version`;

function where(filter: ContratoFilter) {
  const conditions = [sql.fragment`true`];
  if (filter.influencer_id !== undefined) conditions.push(sql.fragment`influencer_id = ${filter.influencer_id}`);
  if (filter.campana_id !== undefined) conditions.push(sql.fragment`campana_id = ${filter.campana_id}`);
  if (filter.email !== undefined)
    conditions.push(sql.fragment`influencer_email = ${filter.email.trim().toLowerCase()}`);
  if (filter.estado !== undefined) conditions.push(sql.fragment`estado = ${filter.estado}`);
  return sql.join(conditions, sql.fragment` and `);
}

/** Queries on `<schema>.contratos` (schema-qualified: pool connections have no search_path of ours). */
export function createPostgresContratoQueries(pool: DatabasePool, schema = 'contratos'): ContratoQueries {
  const table = sql.identifier([schema, 'contratos']);
  return {
    byId: (id) => pool.maybeOne(sql.type(contratoRow)`select ${columns} from ${table} where id = ${id}`),
    async list(filter) {
      const condition = where(filter);
      const total = await pool.oneFirst(
        sql.type(z.object({ n: z.number() }))`select count(*)::int4 as n from ${table} where ${condition}`,
      );
      const items = await pool.any(sql.type(contratoRow)`
        select ${columns} from ${table} where ${condition}
        order by fecha_creacion desc, id limit ${filter.limit} offset ${(filter.page - 1) * filter.limit}`);
      return { items, total, page: filter.page, limit: filter.limit };
    },
  };
}
