import { amountOf, isDecimalString } from '@alpes/contracts';
import type { ComandoCrearCampana, EventoCampanaEliminacionRequerida } from '@alpes/contracts';
import type { SolicitudCampana } from '../../application/crearCampana.ts';
import type { SolicitudEliminacion } from '../../application/eliminarCampana.ts';

/**
 * The exact commission: v2 `valor_comision_decimal`, else the v1 float rounded to cents (`amountOf`). A decimal
 * field that is not a decimal is passed through as text, so the domain refuses it with VALOR_COMISION_INVALIDO
 * instead of the message being dead-lettered.
 */
function valorComision(record: ComandoCrearCampana): string | null {
  const decimal = record.valor_comision_decimal;
  if (decimal !== null && !isDecimalString(decimal)) return decimal;
  return amountOf(decimal, record.data?.valor_comision ?? null);
}

/** `ComandoCrearCampana` (v1 or v2) → the application's request; null when the message has no payload. */
export function solicitudCampana(record: ComandoCrearCampana): SolicitudCampana | null {
  if (record.data === null) return null;
  return { ...record.data, valor_comision: valorComision(record) };
}

export function solicitudEliminacion(record: EventoCampanaEliminacionRequerida): SolicitudEliminacion | null {
  return record.data;
}
