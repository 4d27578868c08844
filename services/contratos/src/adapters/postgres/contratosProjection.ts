import { sql } from 'slonik';
import type { Event, StoredEvent } from '@alpes/eventstore';
import type { TransactionConnection } from '@alpes/eventstore/postgres';
import type { DecisionsProjection } from './runDecisions.ts';
import type { ContratoCreado, ContratoEliminado, ContratoEvent, ContratoFinalizado } from '../../domain/index.ts';

type Stored<E extends Event> = StoredEvent<E>;

async function creado(tx: TransactionConnection, event: Stored<ContratoCreado>): Promise<void> {
  const c = event.data;
  await tx.query(sql.unsafe`
    insert into contratos (id, influencer_id, influencer_nombre, influencer_email, campana_id, campana_nombre, estado, tipo_contrato,
      categorias, descripcion, entregables, monto_base, moneda, fecha_inicio, fecha_fin, fecha_creacion, correlation_id, version)
    values (${c.id_contrato}, ${c.id_influencer}, ${c.influencer_nombre}, ${c.influencer_email}, ${c.id_campana}, ${c.campana_nombre},
      'activo', ${c.tipo_contrato}, ${sql.jsonb([...c.categorias])}, ${c.descripcion}, ${c.entregables}, ${c.monto_total}::numeric,
      ${c.moneda}, ${c.fecha_inicio}::timestamptz, ${c.fecha_fin}::timestamptz, ${c.fecha_creacion}::timestamptz,
      ${event.metadata.correlationId ?? null}, ${event.streamVersion})`);
}

// A tombstone (`existia: false`) has no row: nothing was ever created to show.
async function eliminado(tx: TransactionConnection, event: Stored<ContratoEliminado>): Promise<void> {
  const e = event.data;
  await tx.query(sql.unsafe`
    update contratos set estado = 'eliminado', razon_eliminacion = ${e.razon}, fecha_eliminacion = ${e.fecha_eliminacion}::timestamptz,
      version = ${event.streamVersion}
    where id = ${e.contrato_id}`);
}

async function finalizado(tx: TransactionConnection, event: Stored<ContratoFinalizado>): Promise<void> {
  await tx.query(sql.unsafe`
    update contratos set estado = 'finalizado', fecha_finalizacion = ${event.data.fecha_finalizacion}::timestamptz, version = ${event.streamVersion}
    where id = ${event.data.id_contrato}`);
}

/** Inline projection of the contract streams into `contratos`; the email registry's events are not projected. */
export const contratosProjection: DecisionsProjection<Event> = async (tx, events) => {
  for (const event of events as readonly Stored<ContratoEvent | Event>[]) {
    if (event.type === 'ContratoCreado') await creado(tx, event as Stored<ContratoCreado>);
    else if (event.type === 'ContratoEliminado') await eliminado(tx, event as Stored<ContratoEliminado>);
    else if (event.type === 'ContratoFinalizado') await finalizado(tx, event as Stored<ContratoFinalizado>);
  }
};
