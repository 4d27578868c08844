import type { InfluencerRegistradoData } from './events.ts';

export type Influencer = InfluencerRegistradoData;

/**
 * `pendiente` is the original's initial state (§6.1). `eliminado` is a soft delete; with `influencer: null`
 * it is a tombstone (deleted before it was ever created) that makes a late `CrearInfluencer` fail.
 */
export type InfluencerState =
  | { readonly estado: 'inexistente' }
  | { readonly estado: 'pendiente'; readonly influencer: Influencer }
  | {
      readonly estado: 'eliminado';
      readonly influencer: Influencer | null;
      readonly razon: string;
      readonly fecha_eliminacion: string;
    };

export function initialState(): InfluencerState {
  return { estado: 'inexistente' };
}
