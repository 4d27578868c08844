import { unreachable } from '@alpes/shared-kernel';
import type { CampanaEvent } from './events.ts';
import type { CampanaState } from './state.ts';

export function evolve(state: CampanaState, event: CampanaEvent): CampanaState {
  switch (event.type) {
    case 'CampanaCreada':
      return { estado: 'borrador', campana: event.data };
    case 'CampanaActivada':
      return state.estado === 'borrador'
        ? { estado: 'activa', campana: state.campana, fecha_activacion: event.data.fecha_activacion }
        : state;
    case 'CampanaEliminada':
      return {
        estado: 'eliminada',
        campana: state.estado === 'borrador' || state.estado === 'activa' ? state.campana : null,
        razon: event.data.razon,
        fecha_eliminacion: event.data.fecha_eliminacion,
      };
    default:
      return unreachable(event);
  }
}
