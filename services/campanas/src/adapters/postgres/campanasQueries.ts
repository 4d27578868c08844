import { withTransaction, type DatabasePool } from '@alpes/eventstore/postgres';
import { sql } from 'slonik';
import { z } from 'zod';

const estados = ['borrador', 'activa', 'eliminada'] as const;
export type EstadoCampana = (typeof estados)[number];

const json = z.unknown();
const campanaRow = z.object({
  id: z.string(),
  nombre: z.string().nullable(),
  descripcion: z.string().nullable(),
  tipo_comision: z.string().nullable(),
  valor_comision: z.string().nullable(),
  moneda: z.string().nullable(),
  fecha_inicio: z.string().nullable(),
  fecha_fin: z.string().nullable(),
  estado: z.enum(estados),
  categorias_objetivo: z.array(z.string()),
  material_promocional: json,
  criterios_afiliado: json,
  influencer_origen_id: z.string().nullable(),
  influencer_origen_nombre: z.string().nullable(),
  influencer_origen_email: z.string().nullable(),
  categoria_origen: z.string().nullable(),
  es_automatica: z.boolean(),
  fecha_creacion: z.string().nullable(),
  fecha_activacion: z.string().nullable(),
  razon_eliminacion: z.string().nullable(),
  fecha_eliminacion: z.string().nullable(),
  correlation_id: z.string().nullable(),
  version: z.number(),
});

/** A row of the read model as the API shows it: money as exact decimal text, instants ISO-8601 UTC. */
export type CampanaView = z.infer<typeof campanaRow>;

const iso = (column: string) =>
  sql.fragment`to_char(${sql.identifier([column])} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ${sql.identifier([column])}`;

const columns = sql.fragment`
  id, nombre, descripcion, tipo_comision, valor_comision::text as valor_comision, moneda, ${iso('fecha_inicio')}, ${iso('fecha_fin')},
  estado, categorias_objetivo, material_promocional, criterios_afiliado, influencer_origen_id, influencer_origen_nombre,
  influencer_origen_email, categoria_origen, es_automatica, ${iso('fecha_creacion')}, ${iso('fecha_activacion')},
  razon_eliminacion, ${iso('fecha_eliminacion')}, correlation_id, version`;

export interface CampanaFilter {
  readonly influencerId?: string | undefined;
  readonly estado?: EstadoCampana | undefined;
  readonly page: number;
  readonly limit: number;
}

export interface CampanaPage {
  readonly items: readonly CampanaView[];
  readonly total: number;
}

/** Reads of the `campanas` read model (each in a short transaction whose search_path is the service schema). */
export function createCampanasQueries(pool: DatabasePool, schema: string) {
  return {
    byId: (id: string): Promise<CampanaView | null> =>
      withTransaction(pool, schema, (tx) =>
        tx.maybeOne(sql.type(campanaRow)`select ${columns} from campanas where id = ${id}`),
      ),
    list: (filter: CampanaFilter): Promise<CampanaPage> =>
      withTransaction(pool, schema, async (tx) => {
        const where = sql.fragment`(${filter.influencerId ?? null}::text is null or influencer_origen_id = ${filter.influencerId ?? null})
        and (${filter.estado ?? null}::text is null or estado = ${filter.estado ?? null})`;
        const total = await tx.oneFirst(
          sql.type(z.object({ total: z.number() }))`select count(*)::int4 as total from campanas where ${where}`,
        );
        const items = await tx.any(sql.type(campanaRow)`
        select ${columns} from campanas where ${where}
        order by coalesce(fecha_creacion, fecha_eliminacion) desc, id
        limit ${filter.limit} offset ${(filter.page - 1) * filter.limit}`);
        return { items, total };
      }),
  };
}

export type CampanasQueries = ReturnType<typeof createCampanasQueries>;
