import type { Event } from '@alpes/eventstore';
import type { Categoria } from './catalogo.ts';

export type TipoComision = 'cpa' | 'cpl' | 'cpc';

/** §8.3 `material_promocional`. */
export interface MaterialPromocional {
  readonly titulo: string;
  readonly descripcion: string;
  readonly enlaces: readonly string[];
  readonly imagenes: readonly string[];
  readonly banners: readonly string[];
}

/** §8.3 `criterios_afiliado` (its `categorias_requeridas` are the campaign's `categorias_objetivo`). */
export interface CriteriosAfiliado {
  readonly tipos_permitidos: readonly string[];
  readonly paises_permitidos: readonly string[];
  /** Canonical JSON object text. */
  readonly metricas_minimas: string;
}

/**
 * Names as on the wire (`CampanaCreadaPayload`): `influencer_*` are the origin influencer (null for a
 * campaign without one, never the text `None`, D-32); `tipo_comision` is the code `cpa`, not
 * `TipoComision.CPA` (D-17); money is an exact decimal string; instants are ISO-8601 UTC.
 */
export interface CampanaCreadaData {
  readonly campana_id: string;
  readonly nombre: string;
  readonly descripcion: string;
  readonly tipo_comision: TipoComision;
  readonly valor_comision: string;
  readonly moneda: string;
  readonly categorias_objetivo: readonly Categoria[];
  readonly fecha_inicio: string;
  readonly fecha_fin: string | null;
  readonly influencer_id: string | null;
  readonly influencer_nombre: string | null;
  readonly influencer_email: string | null;
  readonly categoria_origen: Categoria | null;
  readonly material_promocional: MaterialPromocional;
  readonly criterios_afiliado: CriteriosAfiliado;
  readonly auto_activar: boolean;
  readonly fecha_creacion: string;
}

export type CampanaCreada = Event<'CampanaCreada', CampanaCreadaData>;

/** Auto-activation works (D-18): emitted right after `CampanaCreada` when `auto_activar` is true. */
export type CampanaActivada = Event<
  'CampanaActivada',
  { readonly campana_id: string; readonly fecha_activacion: string }
>;

/**
 * `CampanaEliminadaPayload` names. Soft delete; `existia` is false for a tombstone (the deletion arrived
 * before, or instead of, the creation).
 */
export type CampanaEliminada = Event<
  'CampanaEliminada',
  {
    readonly campana_id: string;
    readonly influencer_id: string | null;
    readonly razon: string;
    readonly fecha_eliminacion: string;
    readonly existia: boolean;
  }
>;

export type CampanaEvent = CampanaCreada | CampanaActivada | CampanaEliminada;
