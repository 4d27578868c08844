import type { NewEvent } from '@alpes/eventstore';
import { confirmacionEliminacion as confirmacion, type Confirmacion as Confirmada } from '@alpes/shared-kernel';
import type { InfluencerEliminado, InfluencerEvent, InfluencerState } from '../domain/index.ts';

export type Confirmacion = Confirmada<InfluencerEliminado['data']>;

/** The `InfluencerEliminado` confirmation an `EliminarInfluencer` answers with (shared-kernel's rule). */
export function confirmacionEliminacion(
  influencerId: string,
  events: readonly NewEvent<InfluencerEvent>[],
  state: InfluencerState,
): Confirmacion | undefined {
  return confirmacion(events, 'InfluencerEliminado', () =>
    state.estado !== 'eliminado'
      ? undefined
      : {
          influencer_id: influencerId,
          razon: state.razon,
          fecha_eliminacion: state.fecha_eliminacion,
          existia: state.influencer !== null,
        },
  );
}
