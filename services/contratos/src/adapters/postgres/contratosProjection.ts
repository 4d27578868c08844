import { sql } from 'slonik';
import type { Event, NewEvent } from '@alpes/eventstore';
import type { Projection } from '@alpes/eventstore/postgres';
import type { ContratoCreado, ContratoEliminado, ContratoEvent, ContratoFinalizado } from '../../domain/index.ts';

type Stored<E extends Event> = NewEvent<E>;

function creado(event: Stored<ContratoCreado>) {
  const c = event.data;
  return sql.fragment`
    insert into contratos (id, influencer_id, influencer_nombre, influencer_email, campana_id, campana_nombre, estado, tipo_contrato,
      categorias, descripcion, entregables, monto_base, moneda, fecha_inicio, fecha_fin, fecha_creacion, correlation_id, version)
    values (${c.id_contrato}, ${c.id_influencer}, ${c.influencer_nombre}, ${c.influencer_email}, ${c.id_campana}, ${c.campana_nombre},
      'activo', ${c.tipo_contrato}, ${sql.jsonb([...c.categorias])}, ${c.descripcion}, ${c.entregables}, ${c.monto_total}::numeric,
      ${c.moneda}, ${c.fecha_inicio}::timestamptz, ${c.fecha_fin}::timestamptz, ${c.fecha_creacion}::timestamptz,
      ${event.metadata.correlationId ?? null}, ${event.streamVersion})`;
}

// A tombstone (`existia: false`) has no row: nothing was ever created to show.
function eliminado(event: Stored<ContratoEliminado>) {
  const e = event.data;
  return sql.fragment`
    update contratos set estado = 'eliminado', razon_eliminacion = ${e.razon}, fecha_eliminacion = ${e.fecha_eliminacion}::timestamptz,
      version = ${event.streamVersion}
    where id = ${e.contrato_id}`;
}

function finalizado(event: Stored<ContratoFinalizado>) {
  return sql.fragment`
    update contratos set estado = 'finalizado', fecha_finalizacion = ${event.data.fecha_finalizacion}::timestamptz, version = ${event.streamVersion}
    where id = ${event.data.id_contrato}`;
}

/**
 * Inline projection of the contract streams into `contratos`, written with the append (each event changes
 * its own contract's row); the email registry's events are not projected.
 */
export const contratosProjection: Projection<Event> = (events) =>
  (events as readonly Stored<ContratoEvent | Event>[]).flatMap((event) => {
    if (event.type === 'ContratoCreado') return [creado(event as Stored<ContratoCreado>)];
    if (event.type === 'ContratoEliminado') return [eliminado(event as Stored<ContratoEliminado>)];
    if (event.type === 'ContratoFinalizado') return [finalizado(event as Stored<ContratoFinalizado>)];
    return [];
  });
