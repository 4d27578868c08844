import type { StoredEvent } from '@alpes/eventstore';
import type { Projection, TransactionConnection } from '@alpes/eventstore/postgres';
import { sql } from 'slonik';
import type { CampanaActivada, CampanaCreada, CampanaEliminada, CampanaEvent } from '../../domain/index.ts';

/** §8.3 `criterios_afiliado`: `categorias_requeridas` are the target categories; `metricas_minimas` an object. */
function criterios(data: CampanaCreada['data']) {
  const { tipos_permitidos, paises_permitidos, metricas_minimas } = data.criterios_afiliado;
  return {
    tipos_permitidos: [...tipos_permitidos], categorias_requeridas: [...data.categorias_objetivo],
    paises_permitidos: [...paises_permitidos], metricas_minimas: JSON.parse(metricas_minimas),
  };
}

/** `es_automatica`: created for an influencer's registration (it names its origin influencer). */
async function creada(tx: TransactionConnection, event: StoredEvent<CampanaEvent>, data: CampanaCreada['data']): Promise<void> {
  const { material_promocional: m } = data;
  const material = { titulo: m.titulo, descripcion: m.descripcion, enlaces: [...m.enlaces], imagenes: [...m.imagenes], banners: [...m.banners] };
  await tx.query(sql.unsafe`
    insert into campanas (id, nombre, descripcion, tipo_comision, valor_comision, moneda, fecha_inicio, fecha_fin, estado,
      categorias_objetivo, material_promocional, criterios_afiliado, influencer_origen_id, influencer_origen_nombre,
      influencer_origen_email, categoria_origen, es_automatica, fecha_creacion, correlation_id, version)
    values (${data.campana_id}, ${data.nombre}, ${data.descripcion}, ${data.tipo_comision}, ${data.valor_comision}::numeric,
      ${data.moneda}, ${data.fecha_inicio}::timestamptz, ${data.fecha_fin}::timestamptz, 'borrador',
      ${sql.jsonb([...data.categorias_objetivo])}, ${sql.jsonb(material)}, ${sql.jsonb(criterios(data))},
      ${data.influencer_id}, ${data.influencer_nombre}, ${data.influencer_email}, ${data.categoria_origen},
      ${data.influencer_id !== null}, ${data.fecha_creacion}::timestamptz, ${event.metadata.correlationId ?? null}, ${event.streamVersion})`);
}

async function activada(tx: TransactionConnection, event: StoredEvent<CampanaEvent>, data: CampanaActivada['data']): Promise<void> {
  await tx.query(sql.unsafe`
    update campanas set estado = 'activa', fecha_activacion = ${data.fecha_activacion}::timestamptz, version = ${event.streamVersion}
    where id = ${data.campana_id}`);
}

/** A deletion of an existing campaign updates its row; a tombstone (`existia: false`) gets a row of its own. */
async function eliminada(tx: TransactionConnection, event: StoredEvent<CampanaEvent>, data: CampanaEliminada['data']): Promise<void> {
  await tx.query(sql.unsafe`
    insert into campanas (id, estado, influencer_origen_id, razon_eliminacion, fecha_eliminacion, correlation_id, version)
    values (${data.campana_id}, 'eliminada', ${data.influencer_id}, ${data.razon}, ${data.fecha_eliminacion}::timestamptz,
      ${event.metadata.correlationId ?? null}, ${event.streamVersion})
    on conflict (id) do update set estado = excluded.estado, razon_eliminacion = excluded.razon_eliminacion,
      fecha_eliminacion = excluded.fecha_eliminacion, version = excluded.version`);
}

/** Inline projection of the `campanas` table, in the append's transaction. */
export const campanasProjection: Projection<CampanaEvent> = async (tx, events) => {
  for (const event of events) {
    if (event.type === 'CampanaCreada') await creada(tx, event, event.data as CampanaCreada['data']);
    else if (event.type === 'CampanaActivada') await activada(tx, event, event.data as CampanaActivada['data']);
    else await eliminada(tx, event, event.data as CampanaEliminada['data']);
  }
};
