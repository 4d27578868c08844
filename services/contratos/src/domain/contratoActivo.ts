import type { Decider, Event } from '@alpes/eventstore';
import {
  epochDe,
  instanteIso,
  maskEmail,
  maskEmailsIn,
  normalizarEmail,
  textoOpcional,
  unreachable,
} from '@alpes/shared-kernel';
import { contratoError } from './errors.ts';

// The rule "an influencer email holds at most one ACTIVE contract" spans contracts, so it gets its own small
// aggregate: one stream per email that names the contract holding it. Its stream version serialises two
// registrations of the same email racing in parallel (the loser's append fails and, retried, gets
// CONTRATO_ACTIVO_EXISTENTE); a read-model lookup passed in the command could not, and a unique index on
// the email (the original, D-13) forbade a second contract forever.

export type MotivoLiberacion = 'eliminado' | 'finalizado' | 'vencido';

export interface ReservarContratoActivo {
  readonly type: 'ReservarContratoActivo';
  /** `fecha` is the decision instant: a holder whose `fecha_fin` is not after it has ended. */
  readonly data: {
    readonly influencer_email: string;
    readonly id_contrato: string;
    readonly fecha_fin: string | null;
    readonly fecha: string;
  };
}

export interface LiberarContratoActivo {
  readonly type: 'LiberarContratoActivo';
  readonly data: {
    readonly influencer_email: string;
    readonly id_contrato: string;
    readonly motivo: MotivoLiberacion;
    readonly fecha: string;
  };
}

export type ContratoActivoCommand = ReservarContratoActivo | LiberarContratoActivo;

export type ContratoActivoAsignado = Event<
  'ContratoActivoAsignado',
  {
    readonly influencer_email: string;
    readonly id_contrato: string;
    readonly fecha_fin: string | null;
    readonly fecha_asignacion: string;
  }
>;

export type ContratoActivoLiberado = Event<
  'ContratoActivoLiberado',
  {
    readonly influencer_email: string;
    readonly id_contrato: string;
    readonly motivo: MotivoLiberacion;
    readonly fecha_liberacion: string;
  }
>;

export type ContratoActivoEvent = ContratoActivoAsignado | ContratoActivoLiberado;

export type ContratoActivoState =
  | { readonly estado: 'libre' }
  | { readonly estado: 'ocupado'; readonly id_contrato: string; readonly fecha_fin: string | null };

/**
 * Stream id of an email's registry (the email normalised as `CrearContrato` stores it). Its category,
 * `contrato_activo`, is not `contrato` followed by a dash: a contract whose id starts with `activo-` never shares
 * a stream with an email's registry (`contrato-activo-<email>` could).
 */
export function streamContratoActivo(email: string): string {
  return `contrato_activo-${email.trim().toLowerCase()}`;
}

/** Stream id of a contract. */
export function streamContrato(idContrato: string): string {
  return `contrato-${idContrato.trim()}`;
}

function validar(data: { influencer_email: string; id_contrato: string; fecha: string }) {
  const influencer_email = normalizarEmail(data.influencer_email);
  if (influencer_email === undefined)
    throw contratoError(
      'EMAIL_INVALIDO',
      `influencer_email no válido: ${maskEmailsIn(JSON.stringify(data.influencer_email) ?? '')}`,
    );
  const id_contrato = textoOpcional(data.id_contrato);
  if (id_contrato === undefined) throw contratoError('CONTRATO_ID_INVALIDO', 'falta el id del contrato');
  const fecha = instanteIso(data.fecha);
  if (fecha === undefined) throw contratoError('FECHA_INVALIDA', `fecha no es ISO-8601: ${JSON.stringify(data.fecha)}`);
  return { influencer_email, id_contrato, fecha };
}

function vencido(fechaFin: string | null, ahora: string): boolean {
  return fechaFin !== null && (epochDe(fechaFin) ?? Infinity) <= (epochDe(ahora) ?? 0);
}

function reservar(command: ReservarContratoActivo['data'], state: ContratoActivoState): ContratoActivoEvent[] {
  const { influencer_email, id_contrato, fecha } = validar(command);
  const fin = textoOpcional(command.fecha_fin);
  const fecha_fin = fin === undefined ? null : instanteIso(fin);
  if (fecha_fin === undefined)
    throw contratoError('FECHA_INVALIDA', `fecha_fin no es ISO-8601: ${JSON.stringify(command.fecha_fin)}`);
  const asignado: ContratoActivoEvent = {
    type: 'ContratoActivoAsignado',
    data: { influencer_email, id_contrato, fecha_fin, fecha_asignacion: fecha },
  };
  if (state.estado === 'libre') return [asignado];
  if (state.id_contrato === id_contrato) return [];
  if (!vencido(state.fecha_fin, fecha)) {
    // The message is stored in ErrorCreacionContrato and the saga log: masked, so it cannot tell strangers
    // which addresses hold a contract (issue 16).
    throw contratoError(
      'CONTRATO_ACTIVO_EXISTENTE',
      `${maskEmail(influencer_email)} ya tiene un contrato activo: ${state.id_contrato}`,
      { influencer_email, id_contrato_activo: state.id_contrato },
    );
  }
  const liberado: ContratoActivoEvent = {
    type: 'ContratoActivoLiberado',
    data: { influencer_email, id_contrato: state.id_contrato, motivo: 'vencido', fecha_liberacion: fecha },
  };
  return [liberado, asignado];
}

/** Idempotent: freeing an email another contract (or none) holds changes nothing. */
function liberar(command: LiberarContratoActivo['data'], state: ContratoActivoState): ContratoActivoEvent[] {
  const { influencer_email, id_contrato, fecha } = validar(command);
  if (state.estado === 'libre' || state.id_contrato !== id_contrato) return [];
  return [
    {
      type: 'ContratoActivoLiberado',
      data: { influencer_email, id_contrato, motivo: command.motivo, fecha_liberacion: fecha },
    },
  ];
}

function decide(command: ContratoActivoCommand, state: ContratoActivoState): ContratoActivoEvent[] {
  switch (command.type) {
    case 'ReservarContratoActivo':
      return reservar(command.data, state);
    case 'LiberarContratoActivo':
      return liberar(command.data, state);
    default:
      return unreachable(command);
  }
}

function evolve(state: ContratoActivoState, event: ContratoActivoEvent): ContratoActivoState {
  switch (event.type) {
    case 'ContratoActivoAsignado':
      return { estado: 'ocupado', id_contrato: event.data.id_contrato, fecha_fin: event.data.fecha_fin };
    case 'ContratoActivoLiberado':
      return state.estado === 'ocupado' && state.id_contrato === event.data.id_contrato ? { estado: 'libre' } : state;
    default:
      return unreachable(event);
  }
}

/** The active-contract registry; one stream per influencer email (`streamContratoActivo`). */
export const contratoActivoDecider: Decider<ContratoActivoState, ContratoActivoCommand, ContratoActivoEvent> = {
  initialState: () => ({ estado: 'libre' }),
  evolve,
  decide,
};
