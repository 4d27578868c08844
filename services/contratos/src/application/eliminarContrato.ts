import { contratoActivoDecider, contratoDecider, streamContrato, streamContratoActivo } from '../domain/index.ts';
import type { ContratoEvent, ContratoState, EliminarContrato } from '../domain/index.ts';
import type { Decision, Decisions } from '@alpes/eventstore';

/**
 * Compensation: soft-delete the contract (a tombstone when it was never created) and free its email in the
 * same unit of work, so the influencer may sign again (D-13). Already deleted → no events; the caller still
 * confirms from the returned state.
 */
export async function eliminarContrato(
  decisions: Decisions,
  command: EliminarContrato,
): Promise<Decision<ContratoState, ContratoEvent>> {
  const contrato = await decisions.decide(contratoDecider, streamContrato(command.data.contrato_id), command);
  for (const event of contrato.events) {
    if (event.type !== 'ContratoEliminado' || event.data.influencer_email === null) continue;
    const { influencer_email, contrato_id, fecha_eliminacion } = event.data;
    await decisions.decide(contratoActivoDecider, streamContratoActivo(influencer_email), {
      type: 'LiberarContratoActivo',
      data: { influencer_email, id_contrato: contrato_id, motivo: 'eliminado', fecha: fecha_eliminacion },
    });
  }
  return contrato;
}
