import type { Event } from '@alpes/eventstore';
import type { DatosPorPaso, Fallo, Paso } from './types.ts';

type At = { readonly at: number };

export type SagaIniciada = Event<'SagaIniciada', At & { readonly sagaId: string; readonly idInfluencer: string }>;
/** The step's command leaves (for `influencer`, the BFF already sent it); `vence` is its deadline. */
export type PasoIniciado = Event<'PasoIniciado', At & { readonly paso: Paso; readonly vence: number }>;
export type PasoCompletado = {
  [P in Paso]: Event<
    'PasoCompletado',
    At & { readonly paso: P; readonly datos: DatosPorPaso[P]; readonly tardio: boolean }
  >;
}[Paso];
export type PasoFallido = Event<'PasoFallido', At & Fallo>;
/** A compensation command leaves (attempt `intento`); `vence` is when it is retried. */
export type CompensacionIniciada = Event<
  'CompensacionIniciada',
  At & { readonly paso: Paso; readonly intento: number; readonly vence: number }
>;
export type PasoCompensado = Event<'PasoCompensado', At & { readonly paso: Paso }>;
export type SagaCompletada = Event<'SagaCompletada', At>;
export type SagaCompensada = Event<'SagaCompensada', At>;
export type SagaFallida = Event<'SagaFallida', At & { readonly motivo: string }>;

export type SagaEvent =
  | SagaIniciada
  | PasoIniciado
  | PasoCompletado
  | PasoFallido
  | CompensacionIniciada
  | PasoCompensado
  | SagaCompletada
  | SagaCompensada
  | SagaFallida;
