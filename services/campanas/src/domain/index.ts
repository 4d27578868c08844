import type { Decider } from '@alpes/eventstore';
import type { CampanaCommand } from './commands.ts';
import { decide } from './decide.ts';
import type { CampanaEvent } from './events.ts';
import { evolve } from './evolve.ts';
import { initialState } from './state.ts';
import type { CampanaState } from './state.ts';

/** The campaign aggregate; one stream per campaign id (chosen by the saga, D-03). */
export const campanaDecider: Decider<CampanaState, CampanaCommand, CampanaEvent> = { initialState, evolve, decide };

/** `campana-<id>`: every stream id names its aggregate. */
export const streamCampana = (id: string): string => `campana-${id}`;

export type { CampanaCommand, CrearCampana, EliminarCampana } from './commands.ts';
export type {
  CampanaActivada,
  CampanaCreada,
  CampanaCreadaData,
  CampanaEliminada,
  CampanaEvent,
  CriteriosAfiliado,
  MaterialPromocional,
  TipoComision,
} from './events.ts';
export type { Campana, CampanaState } from './state.ts';
export { campanaError, campanaErrorCodes } from './errors.ts';
export type { CampanaError, CampanaErrorCode } from './errors.ts';
export { catalogoCategorias } from './catalogo.ts';
export type { Categoria } from './catalogo.ts';
export { limites } from './limites.ts';
