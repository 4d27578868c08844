import type { NewEvent } from '@alpes/eventstore';
import { confirmacionEliminacion as confirmacion, type Confirmacion as Confirmada } from '@alpes/shared-kernel';
import type { CampanaEliminada, CampanaEvent, CampanaState, EliminarCampana } from '../domain/index.ts';

export type Confirmacion = Confirmada<CampanaEliminada['data']>;

/** The `CampanaEliminada` confirmation an `EliminarCampana` answers with (shared-kernel's rule). */
export function confirmacionEliminacion(
  command: EliminarCampana,
  events: readonly NewEvent<CampanaEvent>[],
  state: CampanaState,
): Confirmacion | undefined {
  return confirmacion(events, 'CampanaEliminada', () => {
    if (state.estado !== 'eliminada') return undefined;
    const influencerId = state.campana?.influencer_id ?? command.data.influencer_id?.trim() ?? null;
    return {
      campana_id: command.data.campana_id,
      influencer_id: influencerId || null,
      razon: state.razon,
      fecha_eliminacion: state.fecha_eliminacion,
      existia: state.campana !== null,
    };
  });
}
