import type { Message } from '../envelope.ts';

/** `CrearCampanaPayload` (original §4.3): `id` is the campaign id the saga chose. */
export interface CrearCampanaPayload {
  readonly fecha_creacion: string | null;
  readonly fecha_actualizacion: string | null;
  readonly id: string | null;
  readonly nombre: string | null;
  readonly descripcion: string | null;
  readonly tipo_comision: string | null;
  /** Legacy float32; read `valor_comision_decimal`. */
  readonly valor_comision: number | null;
  readonly moneda: string | null;
  readonly fecha_inicio: string | null;
  readonly fecha_fin: string | null;
  readonly titulo_material: string | null;
  readonly descripcion_material: string | null;
  readonly categorias_objetivo: readonly string[] | null;
  readonly tipos_afiliado_permitidos: readonly string[] | null;
  readonly paises_permitidos: readonly string[] | null;
  readonly enlaces_material: readonly string[] | null;
  readonly imagenes_material: readonly string[] | null;
  readonly banners_material: readonly string[] | null;
  /** JSON text, `"{}"` when empty. */
  readonly metricas_minimas: string | null;
  readonly auto_activar: boolean | null;
  readonly influencer_origen_id: string | null;
  readonly categoria_origen: string | null;
  readonly influencer_origen_nombre: string | null;
  readonly influencer_origen_email: string | null;
}

export type ComandoCrearCampana = Message<CrearCampanaPayload, { readonly valor_comision_decimal: string | null }>;

export interface CampanaCreadaPayload {
  readonly campana_id: string | null;
  readonly nombre: string | null;
  readonly descripcion: string | null;
  readonly tipo_comision: string | null;
  readonly valor_comision: number | null;
  readonly moneda: string | null;
  readonly categorias_objetivo: readonly string[] | null;
  readonly fecha_inicio: string | null;
  readonly fecha_fin: string | null;
  readonly influencer_id: string | null;
  readonly influencer_nombre: string | null;
  readonly influencer_email: string | null;
  readonly monto_base: number | null;
  readonly entregables: string | null;
  readonly tipo_contrato: string | null;
  readonly fecha_creacion: string | null;
}

export type EventoCampanaCreada = Message<
  CampanaCreadaPayload,
  {
    readonly valor_comision_decimal: string | null;
    readonly monto_base_decimal: string | null;
  }
>;

export interface CampanaErrorPayload {
  readonly id_campana: string | null;
  readonly id_influencer: string | null;
  readonly nombre: string | null;
  readonly error_codigo: string | null;
  readonly error: string | null;
  readonly error_detalle: string | null;
  readonly fecha_error: string | null;
}

export type EventoCampanaError = Message<CampanaErrorPayload>;

export interface CampanaEliminacionRequeridaPayload {
  readonly campana_id: string | null;
  readonly influencer_id: string | null;
  readonly razon: string | null;
  readonly fecha_solicitud: string | null;
}

export type EventoCampanaEliminacionRequerida = Message<CampanaEliminacionRequeridaPayload>;

export interface CampanaEliminadaPayload {
  readonly campana_id: string | null;
  readonly influencer_id: string | null;
  readonly razon: string | null;
  readonly fecha_eliminacion: string | null;
}

export type EventoCampanaEliminada = Message<CampanaEliminadaPayload>;
