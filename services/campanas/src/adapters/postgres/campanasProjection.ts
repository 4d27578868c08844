import type { NewEvent } from '@alpes/eventstore';
import type { Projection } from '@alpes/eventstore/postgres';
import { sql } from 'slonik';
import type { CampanaActivada, CampanaCreada, CampanaEliminada, CampanaEvent } from '../../domain/index.ts';

/** §8.3 `criterios_afiliado`: `categorias_requeridas` are the target categories; `metricas_minimas` an object. */
function criterios(data: CampanaCreada['data']) {
  const { tipos_permitidos, paises_permitidos, metricas_minimas } = data.criterios_afiliado;
  return {
    tipos_permitidos: [...tipos_permitidos],
    categorias_requeridas: [...data.categorias_objetivo],
    paises_permitidos: [...paises_permitidos],
    metricas_minimas: JSON.parse(metricas_minimas),
  };
}

/**
 * `es_automatica`: created for an influencer's registration (it names its origin influencer). A campaign
 * activated by the same command (`activada`) is inserted active: one statement per row.
 */
function creada(
  event: NewEvent<CampanaEvent>,
  data: CampanaCreada['data'],
  activada: NewEvent<CampanaEvent> | undefined,
) {
  const { material_promocional: m } = data;
  const material = {
    titulo: m.titulo,
    descripcion: m.descripcion,
    enlaces: [...m.enlaces],
    imagenes: [...m.imagenes],
    banners: [...m.banners],
  };
  const fechaActivacion = activada ? (activada.data as CampanaActivada['data']).fecha_activacion : null;
  return sql.fragment`
    insert into campanas (id, nombre, descripcion, tipo_comision, valor_comision, moneda, fecha_inicio, fecha_fin, estado,
      categorias_objetivo, material_promocional, criterios_afiliado, influencer_origen_id, influencer_origen_nombre,
      influencer_origen_email, categoria_origen, es_automatica, fecha_creacion, fecha_activacion, correlation_id, version)
    values (${data.campana_id}, ${data.nombre}, ${data.descripcion}, ${data.tipo_comision}, ${data.valor_comision}::numeric,
      ${data.moneda}, ${data.fecha_inicio}::timestamptz, ${data.fecha_fin}::timestamptz, ${activada ? 'activa' : 'borrador'},
      ${sql.jsonb([...data.categorias_objetivo])}, ${sql.jsonb(material)}, ${sql.jsonb(criterios(data))},
      ${data.influencer_id}, ${data.influencer_nombre}, ${data.influencer_email}, ${data.categoria_origen},
      ${data.influencer_id !== null}, ${data.fecha_creacion}::timestamptz, ${fechaActivacion}::timestamptz,
      ${event.metadata.correlationId ?? null}, ${(activada ?? event).streamVersion})`;
}

function activada(event: NewEvent<CampanaEvent>, data: CampanaActivada['data']) {
  return sql.fragment`
    update campanas set estado = 'activa', fecha_activacion = ${data.fecha_activacion}::timestamptz, version = ${event.streamVersion}
    where id = ${data.campana_id}`;
}

/** A deletion of an existing campaign updates its row; a tombstone (`existia: false`) gets a row of its own. */
function eliminada(event: NewEvent<CampanaEvent>, data: CampanaEliminada['data']) {
  return sql.fragment`
    insert into campanas (id, estado, influencer_origen_id, razon_eliminacion, fecha_eliminacion, correlation_id, version)
    values (${data.campana_id}, 'eliminada', ${data.influencer_id}, ${data.razon}, ${data.fecha_eliminacion}::timestamptz,
      ${event.metadata.correlationId ?? null}, ${event.streamVersion})
    on conflict (id) do update set estado = excluded.estado, razon_eliminacion = excluded.razon_eliminacion,
      fecha_eliminacion = excluded.fecha_eliminacion, version = excluded.version`;
}

/**
 * Inline projection of the `campanas` table, written with the append. The statements all see the table as it
 * was, so a creation and the activation that follows it in the same command become one insert.
 */
export const campanasProjection: Projection<CampanaEvent> = (events) =>
  events.flatMap((event, i) => {
    const next = events[i + 1];
    if (event.type === 'CampanaCreada')
      return [creada(event, event.data as CampanaCreada['data'], next?.type === 'CampanaActivada' ? next : undefined)];
    if (event.type === 'CampanaActivada')
      return events[i - 1]?.type === 'CampanaCreada' ? [] : [activada(event, event.data as CampanaActivada['data'])];
    return [eliminada(event, event.data as CampanaEliminada['data'])];
  });
