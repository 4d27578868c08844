import { unreachable } from '@alpes/shared-kernel';
import type { SagaEvent } from './events.ts';
import type { EstadoDePaso, Paso, SagaState } from './types.ts';

const withPaso = (state: SagaState, paso: Paso, patch: Partial<EstadoDePaso>): SagaState => ({
  ...state,
  pasos: { ...state.pasos, [paso]: { ...state.pasos[paso], ...patch } },
});

export function evolve(state: SagaState, event: SagaEvent): SagaState {
  switch (event.type) {
    case 'SagaIniciada':
      return { ...state, estado: 'en_curso', sagaId: event.data.sagaId, idInfluencer: event.data.idInfluencer };
    case 'PasoIniciado':
      return withPaso(state, event.data.paso, { estado: 'en_curso', desde: event.data.at, vence: event.data.vence });
    case 'PasoCompletado': {
      const next = withDatos(state, event);
      // A late success keeps the step in the compensation queue; only a forward success completes it.
      return event.data.tardio ? next : withPaso(next, event.data.paso, { estado: 'completado', vence: undefined });
    }
    case 'PasoFallido': {
      const { paso, codigo, mensaje, causa } = event.data;
      const failed = withPaso(state, paso, { estado: 'fallido', vence: undefined });
      return {
        ...failed,
        estado: 'compensando',
        fallo: { paso, codigo, mensaje, causa },
        porCompensar: aCompensar(state, paso, causa),
      };
    }
    case 'CompensacionIniciada':
      return withPaso(state, event.data.paso, {
        estado: 'compensando',
        desde: event.data.at,
        vence: event.data.vence,
        intentos: event.data.intento,
      });
    case 'PasoCompensado': {
      const done = withPaso(state, event.data.paso, { estado: 'compensado', vence: undefined });
      return { ...done, porCompensar: state.porCompensar.filter((p) => p !== event.data.paso) };
    }
    case 'SagaCompletada':
      return { ...state, estado: 'completada' };
    case 'SagaCompensada':
      return { ...state, estado: 'compensada', porCompensar: [] };
    case 'SagaFallida':
      return { ...state, estado: 'fallida' };
    default:
      return unreachable(event);
  }
}

/**
 * Steps to undo, newest first. After an error the failed step created nothing; after a missed deadline
 * it may still succeed later, so it is compensated too (its service keeps a tombstone, so a late
 * creation is refused or undone).
 */
function aCompensar(state: SagaState, fallido: Paso, causa: 'error' | 'plazo_vencido'): Paso[] {
  const completados = (['contrato', 'campana', 'influencer'] as const).filter(
    (p) => state.pasos[p].estado === 'completado',
  );
  return causa === 'plazo_vencido' ? [fallido, ...completados] : completados;
}

function withDatos(state: SagaState, event: Extract<SagaEvent, { type: 'PasoCompletado' }>): SagaState {
  switch (event.data.paso) {
    case 'influencer':
      return { ...state, influencer: event.data.datos };
    case 'campana':
      return { ...state, campana: event.data.datos };
    case 'contrato':
      return { ...state, contrato: event.data.datos };
    default:
      return unreachable(event.data);
  }
}
