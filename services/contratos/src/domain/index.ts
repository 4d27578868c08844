import type { Decider } from '@alpes/eventstore';
import type { ContratoCommand } from './commands.ts';
import { decide } from './decide.ts';
import type { ContratoEvent } from './events.ts';
import { evolve } from './evolve.ts';
import { initialState } from './state.ts';
import type { ContratoState } from './state.ts';

/**
 * The contract aggregate; one stream per contract id (chosen by the saga, D-03). The one-active-contract
 * rule lives in `contratoActivoDecider` (one stream per email). The application handles `CrearContrato` as:
 * decide on the contract stream (tombstone, idempotency, validation) → if it yields `ContratoCreado`, decide
 * `ReservarContratoActivo` on the email's stream (may throw CONTRATO_ACTIVO_EXISTENTE) → append both in one
 * transaction with their expected versions. `ContratoEliminado` / `ContratoFinalizado` with an email →
 * `LiberarContratoActivo` in the same transaction.
 */
export const contratoDecider: Decider<ContratoState, ContratoCommand, ContratoEvent> = { initialState, evolve, decide };

export type { ContratoCommand, CrearContrato, EliminarContrato, FinalizarContrato } from './commands.ts';
export type {
  ContratoCreado,
  ContratoCreadoData,
  ContratoEliminado,
  ContratoEvent,
  ContratoFinalizado,
  TipoContrato,
} from './events.ts';
export { tiposContrato } from './events.ts';
export type { Contrato, ContratoState } from './state.ts';
export { contratoError, contratoErrorCodes } from './errors.ts';
export type { ContratoError, ContratoErrorCode } from './errors.ts';
export { limites } from './limites.ts';
export { contratoActivoDecider, streamContrato, streamContratoActivo } from './contratoActivo.ts';
export type {
  ContratoActivoAsignado,
  ContratoActivoCommand,
  ContratoActivoEvent,
  ContratoActivoLiberado,
  ContratoActivoState,
  LiberarContratoActivo,
  MotivoLiberacion,
  ReservarContratoActivo,
} from './contratoActivo.ts';
