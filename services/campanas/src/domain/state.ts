import type { CampanaCreadaData } from './events.ts';

export type Campana = CampanaCreadaData;

/**
 * `borrador` and `activa` as in the original's `estadocampanaenum`; `eliminada` is a soft delete, and with
 * `campana: null` a tombstone that makes a late `CrearCampana` fail.
 */
export type CampanaState =
  | { readonly estado: 'inexistente' }
  | { readonly estado: 'borrador'; readonly campana: Campana }
  | { readonly estado: 'activa'; readonly campana: Campana; readonly fecha_activacion: string }
  | {
      readonly estado: 'eliminada';
      readonly campana: Campana | null;
      readonly razon: string;
      readonly fecha_eliminacion: string;
    };

export function initialState(): CampanaState {
  return { estado: 'inexistente' };
}
