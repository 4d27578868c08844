import type { Decider } from '@alpes/eventstore';
import type { SagaCommand } from './commands.ts';
import type { SagaEvent } from './events.ts';
import type { SagaState } from './types.ts';
import { decide } from './decide.ts';
import { evolve } from './evolve.ts';
import { initialState } from './state.ts';

export const sagaDecider: Decider<SagaState, SagaCommand, SagaEvent> = { initialState, evolve, decide };

export type * from './commands.ts';
export type * from './events.ts';
export type * from './types.ts';
export { PASOS, indiceDe, siguiente } from './types.ts';
export { proximoPlazo, pasoEnCurso, terminada, initialState } from './state.ts';
export type { SagaErrorCode } from './errors.ts';
