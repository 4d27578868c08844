import { amountOf, sagaIds } from '@alpes/contracts';
import type { ComandoCrearContrato } from '@alpes/contracts';
import type { CrearContrato } from '../../domain/index.ts';
import { MensajeInvalido } from '@alpes/shared-kernel';

/**
 * `id_contrato` (v2) or, for a v1 writer that sent none, the id the saga would have chosen. Without either
 * there is no stream to decide on: the message is malformed.
 */
function idContrato(record: ComandoCrearContrato, correlationId: string | null): string {
  if (record.id_contrato !== null) return record.id_contrato;
  if (correlationId !== null) return sagaIds.contratoId(correlationId);
  throw new MensajeInvalido('ComandoCrearContrato without id_contrato nor influencer_id: no contract to create');
}

// A malformed `monto_base_decimal` goes to the domain as-is (MONTO_INVALIDO, an error event), not to the DLQ.
function monto(record: ComandoCrearContrato): string {
  const decimal = record.monto_base_decimal;
  return decimal !== null ? decimal : (amountOf(null, record.data?.monto_base ?? null) ?? '');
}

/** Wire record → domain command; absent fields become blanks the domain refuses with their own code. */
export function toCrearContrato(
  record: ComandoCrearContrato,
  options: { correlationId: string | null; now: number },
): CrearContrato {
  const data = record.data;
  if (data === null) throw new MensajeInvalido('ComandoCrearContrato without data');
  return {
    type: 'CrearContrato',
    data: {
      id_contrato: idContrato(record, options.correlationId),
      influencer_id: data.influencer_id ?? '',
      influencer_nombre: data.influencer_nombre ?? '',
      influencer_email: data.influencer_email ?? '',
      campana_id: data.campana_id ?? '',
      campana_nombre: data.campana_nombre ?? '',
      categorias: data.categorias ?? [],
      descripcion: data.descripcion ?? '',
      monto_base: monto(record),
      moneda: data.moneda ?? '',
      fecha_inicio: data.fecha_inicio ?? '',
      fecha_fin: data.fecha_fin,
      entregables: data.entregables,
      tipo_contrato: data.tipo_contrato,
      fecha_creacion: new Date(options.now).toISOString(),
    },
  };
}
