import { unreachable } from '@alpes/shared-kernel';
import type { InfluencerEvent } from './events.ts';
import type { InfluencerState } from './state.ts';

export function evolve(state: InfluencerState, event: InfluencerEvent): InfluencerState {
  switch (event.type) {
    case 'InfluencerRegistrado':
      return { estado: 'pendiente', influencer: event.data };
    case 'InfluencerEliminado':
      return {
        estado: 'eliminado',
        influencer: state.estado === 'pendiente' ? state.influencer : null,
        razon: event.data.razon,
        fecha_eliminacion: event.data.fecha_eliminacion,
      };
    default:
      return unreachable(event);
  }
}
