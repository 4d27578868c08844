import type { ContratoCreadoData } from './events.ts';

export type Contrato = ContratoCreadoData;

/** `eliminado` is a soft delete; with `contrato: null` a tombstone that makes a late `CrearContrato` fail. */
export type ContratoState =
  | { readonly estado: 'inexistente' }
  | { readonly estado: 'activo'; readonly contrato: Contrato }
  | { readonly estado: 'finalizado'; readonly contrato: Contrato; readonly fecha_finalizacion: string }
  | {
      readonly estado: 'eliminado';
      readonly contrato: Contrato | null;
      readonly razon: string;
      readonly fecha_eliminacion: string;
    };

export function initialState(): ContratoState {
  return { estado: 'inexistente' };
}
