import type { Decider } from '@alpes/eventstore';
import type { InfluencerCommand } from './commands.ts';
import { decide } from './decide.ts';
import type { InfluencerEvent } from './events.ts';
import { evolve } from './evolve.ts';
import { initialState } from './state.ts';
import type { InfluencerState } from './state.ts';

/** The influencer aggregate; one stream per influencer id (the client's `id_influencer`, D-03). */
export const influencerDecider: Decider<InfluencerState, InfluencerCommand, InfluencerEvent> = {
  initialState,
  evolve,
  decide,
};

/** `influencer-<id>`: every stream id names its aggregate (migration 2 carried the older `<id>` streams over). */
export const streamInfluencer = (id: string): string => `influencer-${id.trim()}`;

export type { CrearInfluencer, EliminarInfluencer, InfluencerCommand } from './commands.ts';
export type { InfluencerEliminado, InfluencerEvent, InfluencerRegistrado, InfluencerRegistradoData } from './events.ts';
export type { Influencer, InfluencerState } from './state.ts';
export { influencerError, influencerErrorCodes } from './errors.ts';
export type { InfluencerError, InfluencerErrorCode } from './errors.ts';
export { dominiosBloqueados } from './email.ts';
export { limites } from './limites.ts';
