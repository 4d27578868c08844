import { indiceDe, type EstadoPaso, type EstadoSaga, type Paso, type SagaEvent } from '../domain/index.ts';

/** One row of the saga log — and one `eventos-saga` message — per saga event (the README's table, made true). */
export interface Transicion {
  readonly evento: SagaEvent['type'];
  readonly paso: Paso | null;
  readonly indexPaso: number | null;
  readonly estadoSaga: Exclude<EstadoSaga, 'nueva'>;
  readonly estadoPaso: EstadoPaso | null;
  /** The command this transition sent, if any. */
  readonly comando: string | null;
  /** The message that caused it (`InfluencerRegistrado`, `ErrorCreacionContrato`, `PlazoVencido` …). */
  readonly eventoOrigen: string | null;
  readonly compensacion: string | null;
  readonly errorCodigo: string | null;
  readonly error: string | null;
  readonly exitosa: boolean;
  readonly at: number;
  readonly detalle: Record<string, unknown>;
}

const CREAR: Partial<Record<Paso, string>> = { campana: 'CrearCampana', contrato: 'CrearContrato' };
const ELIMINAR: Record<Paso, string> = {
  influencer: 'EliminarInfluencer',
  campana: 'EliminarCampana',
  contrato: 'EliminarContrato',
};

export function transicion(event: SagaEvent, eventoOrigen: string | null): Transicion {
  const base = {
    evento: event.type,
    eventoOrigen,
    at: event.data.at,
    detalle: { ...event.data } as Record<string, unknown>,
  };
  const none = {
    paso: null,
    indexPaso: null,
    estadoPaso: null,
    comando: null,
    compensacion: null,
    errorCodigo: null,
    error: null,
  };
  const step = (paso: Paso, estadoPaso: EstadoPaso) => ({ ...none, paso, indexPaso: indiceDe(paso), estadoPaso });
  switch (event.type) {
    case 'SagaIniciada':
      return { ...base, ...none, estadoSaga: 'en_curso', exitosa: true };
    case 'PasoIniciado':
      return {
        ...base,
        ...step(event.data.paso, 'en_curso'),
        estadoSaga: 'en_curso',
        comando: CREAR[event.data.paso] ?? null,
        exitosa: true,
      };
    case 'PasoCompletado':
      return {
        ...base,
        ...step(event.data.paso, 'completado'),
        estadoSaga: event.data.tardio ? 'compensando' : 'en_curso',
        exitosa: true,
      };
    case 'PasoFallido':
      return {
        ...base,
        ...step(event.data.paso, 'fallido'),
        estadoSaga: 'compensando',
        errorCodigo: event.data.codigo,
        error: event.data.mensaje,
        exitosa: false,
      };
    case 'CompensacionIniciada': {
      const comando = ELIMINAR[event.data.paso];
      return {
        ...base,
        ...step(event.data.paso, 'compensando'),
        estadoSaga: 'compensando',
        comando,
        compensacion: `${comando} (intento ${event.data.intento})`,
        exitosa: true,
      };
    }
    case 'PasoCompensado':
      return {
        ...base,
        ...step(event.data.paso, 'compensado'),
        estadoSaga: 'compensando',
        compensacion: ELIMINAR[event.data.paso],
        exitosa: true,
      };
    case 'SagaCompletada':
      return { ...base, ...none, estadoSaga: 'completada', exitosa: true };
    case 'SagaCompensada':
      return { ...base, ...none, estadoSaga: 'compensada', exitosa: false };
    case 'SagaFallida':
      return {
        ...base,
        ...none,
        estadoSaga: 'fallida',
        errorCodigo: 'COMPENSACION_NO_CONFIRMADA',
        error: event.data.motivo,
        exitosa: false,
      };
  }
}

/** SSE/stream classification: failures and compensations are `error` events for dashboards. */
export function esError(evento: SagaEvent['type']): boolean {
  return ['PasoFallido', 'CompensacionIniciada', 'PasoCompensado', 'SagaCompensada', 'SagaFallida'].includes(evento);
}
