import { contratoActivoDecider, contratoDecider, streamContrato, streamContratoActivo } from '../domain/index.ts';
import type { ContratoEvent, ContratoState, CrearContrato } from '../domain/index.ts';
import type { Decision, Decisions } from '@alpes/eventstore';

/**
 * Decide on the contract's stream first (tombstone, idempotency, validation); when that creates the contract,
 * reserve its email (CONTRATO_ACTIVO_EXISTENTE while another contract holds it). Both in one unit of work, so
 * two registrations racing for one email serialise on the email's stream version (D-13).
 */
export async function crearContrato(
  decisions: Decisions,
  command: CrearContrato,
): Promise<Decision<ContratoState, ContratoEvent>> {
  const contrato = await decisions.decide(contratoDecider, streamContrato(command.data.id_contrato), command);
  for (const event of contrato.events) {
    if (event.type !== 'ContratoCreado') continue;
    const { influencer_email, id_contrato, fecha_fin, fecha_creacion } = event.data;
    await decisions.decide(contratoActivoDecider, streamContratoActivo(influencer_email), {
      type: 'ReservarContratoActivo',
      data: { influencer_email, id_contrato, fecha_fin, fecha: fecha_creacion },
    });
  }
  return contrato;
}
