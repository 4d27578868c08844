import { unreachable } from '@alpes/shared-kernel';
import type { ContratoEvent } from './events.ts';
import type { ContratoState } from './state.ts';

export function evolve(state: ContratoState, event: ContratoEvent): ContratoState {
  switch (event.type) {
    case 'ContratoCreado':
      return { estado: 'activo', contrato: event.data };
    case 'ContratoFinalizado':
      return state.estado === 'activo'
        ? { estado: 'finalizado', contrato: state.contrato, fecha_finalizacion: event.data.fecha_finalizacion }
        : state;
    case 'ContratoEliminado':
      return {
        estado: 'eliminado',
        contrato: state.estado === 'activo' || state.estado === 'finalizado' ? state.contrato : null,
        razon: event.data.razon,
        fecha_eliminacion: event.data.fecha_eliminacion,
      };
    default:
      return unreachable(event);
  }
}
