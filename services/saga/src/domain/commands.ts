import type { DatosPorPaso, Paso, Politica } from './types.ts';

interface Base {
  readonly sagaId: string;
  /** Epoch ms when the triggering message was handled. */
  readonly at: number;
  readonly politica: Politica;
}

/** The registration command was seen on its topic: the influencer step is in flight. */
export type IniciarSaga = Base & { readonly type: 'IniciarSaga'; readonly idInfluencer: string };
export type RegistrarExito = {
  [P in Paso]: Base & {
    readonly type: 'RegistrarExito';
    readonly idInfluencer: string;
    readonly paso: P;
    readonly datos: DatosPorPaso[P];
  };
}[Paso];
export type RegistrarError = Base & {
  readonly type: 'RegistrarError';
  readonly idInfluencer: string;
  readonly paso: Paso;
  readonly codigo: string;
  readonly mensaje: string;
};
export type ConfirmarCompensacion = Base & { readonly type: 'ConfirmarCompensacion'; readonly paso: Paso };
/** Sent by the deadline scheduler when the saga's next deadline has passed. */
export type VencerPlazo = Base & { readonly type: 'VencerPlazo' };

export type SagaCommand = IniciarSaga | RegistrarExito | RegistrarError | ConfirmarCompensacion | VencerPlazo;
