import type { EventoCampanaEliminacionRequerida } from '@alpes/contracts';
import { MensajeInvalido } from '@alpes/shared-kernel';
import type { EliminarCampana } from '../../domain/index.ts';

/** The compensation as it arrives (wire `CampanaEliminacionRequeridaPayload`). */
export interface SolicitudEliminacion {
  readonly campana_id: string | null;
  readonly influencer_id: string | null;
  readonly razon: string | null;
}

/**
 * Policy: request → `EliminarCampana`. Without a campaign id there is nothing to delete or confirm, so the
 * message is invalid (dead-lettered). `fecha_eliminacion` is the handling instant (the saga's
 * `fecha_solicitud` is when it asked).
 */
export function eliminarCampanaCommand(solicitud: SolicitudEliminacion | null, now: number): EliminarCampana {
  const campanaId = solicitud?.campana_id?.trim() ?? '';
  if (campanaId === '') throw new MensajeInvalido('EventoCampanaEliminacionRequerida sin campana_id');
  return {
    type: 'EliminarCampana',
    data: {
      campana_id: campanaId,
      influencer_id: solicitud?.influencer_id ?? null,
      razon: solicitud?.razon ?? null,
      fecha_eliminacion: new Date(now).toISOString(),
    },
  };
}

/** Wire record → `EliminarCampana`, decided at `now`. */
export function toEliminarCampana(record: EventoCampanaEliminacionRequerida, now: number): EliminarCampana {
  return eliminarCampanaCommand(record.data, now);
}
