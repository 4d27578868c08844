import { MensajeInvalido } from '@alpes/shared-kernel';
import type { EliminarInfluencer } from '../../domain/index.ts';

/** The compensation as it arrives (wire `EliminarInfluencerPayload`). */
export interface SolicitudEliminacion {
  readonly influencer_id: string | null;
  readonly razon: string | null;
}

/**
 * Policy: request → `EliminarInfluencer`. Without an influencer id there is nothing to delete or confirm, so
 * the message is invalid (dead-lettered). `fecha_eliminacion` is the handling instant (the saga's
 * `fecha_solicitud` is when it asked).
 */
export function eliminarInfluencerCommand(solicitud: SolicitudEliminacion | null, now: number): EliminarInfluencer {
  const influencerId = solicitud?.influencer_id?.trim() ?? '';
  if (influencerId === '') throw new MensajeInvalido('ComandoEliminarInfluencer sin influencer_id');
  return {
    type: 'EliminarInfluencer',
    data: {
      influencer_id: influencerId,
      razon: solicitud?.razon ?? null,
      fecha_eliminacion: new Date(now).toISOString(),
    },
  };
}
