/** The three steps of the registration saga, in order (the step index is its position here). */
export const PASOS = ['influencer', 'campana', 'contrato'] as const;
export type Paso = (typeof PASOS)[number];

export type EstadoSaga = 'nueva' | 'en_curso' | 'compensando' | 'completada' | 'compensada' | 'fallida';
export type EstadoPaso = 'pendiente' | 'en_curso' | 'completado' | 'fallido' | 'compensando' | 'compensado';

export interface DatosInfluencer {
  readonly id_influencer: string;
  readonly nombre: string;
  readonly email: string;
  readonly categorias: readonly string[];
}

export interface DatosCampana {
  readonly campana_id: string;
  readonly nombre: string;
  readonly categorias_objetivo: readonly string[];
  /** Exact decimal string, e.g. `100.00`. */
  readonly valor_comision: string;
  readonly moneda: string;
  readonly fecha_inicio: string;
  readonly fecha_fin: string | null;
}

export interface DatosContrato {
  readonly contrato_id: string;
}

/** What a step's success carries, by step. */
export interface DatosPorPaso {
  readonly influencer: DatosInfluencer;
  readonly campana: DatosCampana;
  readonly contrato: DatosContrato;
}

/** Timing rules, passed in with every command (the domain has no clock and no configuration). */
export interface Politica {
  /** How long a step may take before it counts as failed. */
  readonly plazoPasoMs: number;
  /** Compensation retries: delay base × 2^(attempt−1), capped; give up (saga `fallida`) after `maxIntentos`. */
  readonly compensacion: { readonly baseMs: number; readonly maxMs: number; readonly maxIntentos: number };
}

export interface Fallo {
  readonly paso: Paso;
  readonly codigo: string;
  readonly mensaje: string;
  readonly causa: 'error' | 'plazo_vencido';
}

export interface EstadoDePaso {
  readonly estado: EstadoPaso;
  /** Epoch ms when the step (or its current compensation attempt) started. */
  readonly desde: number | undefined;
  /** Epoch ms when the step (or its current compensation attempt) times out. */
  readonly vence: number | undefined;
  readonly intentos: number;
}

export interface SagaState {
  readonly estado: EstadoSaga;
  readonly sagaId: string;
  readonly idInfluencer: string;
  readonly pasos: Readonly<Record<Paso, EstadoDePaso>>;
  readonly influencer: DatosInfluencer | undefined;
  readonly campana: DatosCampana | undefined;
  readonly contrato: DatosContrato | undefined;
  /** Steps still to compensate, the current one first (reverse order of completion). */
  readonly porCompensar: readonly Paso[];
  readonly fallo: Fallo | undefined;
}

export function indiceDe(paso: Paso): number {
  return PASOS.indexOf(paso);
}

export function siguiente(paso: Paso): Paso | undefined {
  return PASOS[indiceDe(paso) + 1];
}
