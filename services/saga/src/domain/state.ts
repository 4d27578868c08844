import { PASOS, type EstadoDePaso, type Paso, type SagaState } from './types.ts';

const pendiente: EstadoDePaso = { estado: 'pendiente', desde: undefined, vence: undefined, intentos: 0 };

export function initialState(): SagaState {
  return {
    estado: 'nueva',
    sagaId: '',
    idInfluencer: '',
    pasos: { influencer: pendiente, campana: pendiente, contrato: pendiente },
    influencer: undefined,
    campana: undefined,
    contrato: undefined,
    porCompensar: [],
    fallo: undefined,
  };
}

/** The next instant at which the saga must act by itself, if any. */
export function proximoPlazo(state: SagaState): number | undefined {
  if (state.estado === 'en_curso') return PASOS.map((p) => state.pasos[p]).find((p) => p.estado === 'en_curso')?.vence;
  if (state.estado === 'compensando') {
    const actual = state.porCompensar[0];
    return actual === undefined ? undefined : state.pasos[actual].vence;
  }
  return undefined;
}

/** The step currently in flight (forward), if any. */
export function pasoEnCurso(state: SagaState): Paso | undefined {
  return PASOS.find((p) => state.pasos[p].estado === 'en_curso');
}

export function terminada(state: SagaState): boolean {
  return state.estado === 'completada' || state.estado === 'compensada' || state.estado === 'fallida';
}
