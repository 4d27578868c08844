import type { DatabasePool } from '@alpes/eventstore/postgres';
import { sql } from 'slonik';
import { z } from 'zod';

/** One row of the read model as the HTTP API shows it (instants ISO-8601 UTC). */
export interface InfluencerView {
  readonly id: string;
  readonly nombre: string | null;
  readonly email: string | null;
  readonly categorias: readonly string[];
  readonly plataformas: readonly string[];
  readonly descripcion: string | null;
  readonly biografia: string | null;
  readonly sitio_web: string | null;
  readonly telefono: string | null;
  readonly estado: 'pendiente' | 'eliminado';
  readonly razon_eliminacion: string | null;
  readonly fecha_registro: string | null;
  readonly fecha_eliminacion: string | null;
  readonly correlation_id: string | null;
  readonly version: number;
}

export interface InfluencerFilter {
  readonly email?: string | undefined;
  readonly estado?: 'pendiente' | 'eliminado' | undefined;
  readonly page: number;
  readonly limit: number;
}

export interface InfluencerPage {
  readonly items: readonly InfluencerView[];
  readonly total: number;
}

/** The read side of the `influencers` table (the port the HTTP routes use). */
export interface InfluencerQueries {
  byId(id: string): Promise<InfluencerView | undefined>;
  list(filter: InfluencerFilter): Promise<InfluencerPage>;
}

const text = z.string().nullable();
const row = z.object({
  id: z.string(),
  nombre: text,
  email: text,
  categorias: z.array(z.string()),
  plataformas: z.array(z.string()),
  descripcion: text,
  biografia: text,
  sitio_web: text,
  telefono: text,
  estado: z.enum(['pendiente', 'eliminado']),
  razon_eliminacion: text,
  fecha_registro_ms: z.number().nullable(),
  fecha_eliminacion_ms: z.number().nullable(),
  correlation_id: text,
  version: z.number(),
});

// Instants as epoch ms (float8): independent of the pool's timestamptz parser.
const columns = sql.fragment`id, nombre, email, categorias, plataformas, descripcion, biografia, sitio_web, telefono, estado,
  razon_eliminacion, floor(extract(epoch from fecha_registro) * 1000)::float8 as fecha_registro_ms,
  floor(extract(epoch from fecha_eliminacion) * 1000)::float8 as fecha_eliminacion_ms, correlation_id, version`;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toView({ fecha_registro_ms, fecha_eliminacion_ms, ...rest }: z.infer<typeof row>): InfluencerView {
  return { ...rest, fecha_registro: iso(fecha_registro_ms), fecha_eliminacion: iso(fecha_eliminacion_ms) };
}

export function createPostgresInfluencerQueries(options: { pool: DatabasePool; schema: string }): InfluencerQueries {
  const table = sql.identifier([options.schema, 'influencers']);
  const { pool } = options;
  return {
    byId: async (id) => {
      const found = await pool.maybeOne(sql.type(row)`select ${columns} from ${table} where id = ${id}`);
      return found === null ? undefined : toView(found);
    },
    list: async (filter) => {
      const conditions = [sql.fragment`true`];
      if (filter.email !== undefined) conditions.push(sql.fragment`email = ${filter.email.trim().toLowerCase()}`);
      if (filter.estado !== undefined) conditions.push(sql.fragment`estado = ${filter.estado}`);
      const where = sql.join(conditions, sql.fragment` and `);
      const rows = await pool.any(sql.type(row)`
        select ${columns} from ${table} where ${where}
        order by fecha_registro desc nulls last, id limit ${filter.limit} offset ${(filter.page - 1) * filter.limit}`);
      const total = await pool.oneFirst(
        sql.type(z.object({ total: z.number() }))`select count(*)::int4 as total from ${table} where ${where}`,
      );
      return { items: rows.map(toView), total };
    },
  };
}
