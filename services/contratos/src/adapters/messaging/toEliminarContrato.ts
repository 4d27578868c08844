import type { ComandoEliminarContrato } from '@alpes/contracts';
import type { EliminarContrato } from '../../domain/index.ts';
import { MensajeInvalido } from '@alpes/shared-kernel';
import { textOf } from '@alpes/service-kit';

/** Wire record → domain command. Without a `contrato_id` there is nothing to delete nor to confirm: malformed. */
export function toEliminarContrato(record: ComandoEliminarContrato, now: number): EliminarContrato {
  const contratoId = textOf(record.data?.contrato_id);
  if (record.data === null || contratoId === null)
    throw new MensajeInvalido('ComandoEliminarContrato without data.contrato_id');
  const { campana_id, influencer_id, razon } = record.data;
  return {
    type: 'EliminarContrato',
    data: { contrato_id: contratoId, campana_id, influencer_id, razon, fecha_eliminacion: new Date(now).toISOString() },
  };
}
