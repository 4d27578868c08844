/**
 * Create a contract (wire: `ComandoCrearContrato` on `comandos-contratos-v2`). `id_contrato` is chosen by the
 * saga (v2 field, deterministic, D-03); `monto_base` is the exact decimal (`monto_base_decimal`, or the legacy
 * float rounded by the adapter); `fecha_creacion` is the decision instant (ISO-8601).
 */
export interface CrearContrato {
  readonly type: 'CrearContrato';
  readonly data: {
    readonly id_contrato: string;
    readonly influencer_id: string;
    readonly influencer_nombre: string;
    readonly influencer_email: string;
    readonly campana_id: string;
    readonly campana_nombre: string;
    readonly categorias: readonly string[];
    readonly descripcion: string;
    readonly monto_base: string;
    readonly moneda: string;
    readonly fecha_inicio: string;
    readonly fecha_fin?: string | null;
    readonly entregables?: string | null;
    /** puntual / temporal / exclusivo / colaboracion; anything else → puntual, as the original (§6.3). */
    readonly tipo_contrato?: string | null;
    readonly fecha_creacion: string;
  };
}

/** The contract ended normally: it stops being the influencer's active contract. Not on the wire yet. */
export interface FinalizarContrato {
  readonly type: 'FinalizarContrato';
  readonly data: { readonly id_contrato: string; readonly fecha_finalizacion: string };
}

/** Compensation (wire: `ComandoEliminarContrato`); `fecha_eliminacion` is the decision instant. */
export interface EliminarContrato {
  readonly type: 'EliminarContrato';
  readonly data: {
    readonly contrato_id: string;
    readonly campana_id?: string | null;
    readonly influencer_id?: string | null;
    readonly razon?: string | null;
    readonly fecha_eliminacion: string;
  };
}

export type ContratoCommand = CrearContrato | FinalizarContrato | EliminarContrato;
