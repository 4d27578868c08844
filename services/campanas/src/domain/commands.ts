/**
 * Create a campaign (wire: `ComandoCrearCampana` on `comandos-campanas`). `campana_id` is the wire's `id`,
 * chosen by the saga (deterministic, D-03); `valor_comision` is the exact decimal (`valor_comision_decimal`,
 * or the legacy float rounded by the adapter); `fecha_creacion` is the decision instant (ISO-8601).
 */
export interface CrearCampana {
  readonly type: 'CrearCampana';
  readonly data: {
    readonly campana_id: string;
    readonly nombre: string;
    readonly descripcion: string;
    readonly tipo_comision: string;
    readonly valor_comision: string;
    readonly moneda: string;
    readonly fecha_inicio: string;
    readonly fecha_fin?: string | null;
    readonly categorias_objetivo: readonly string[];
    readonly titulo_material?: string | null;
    readonly descripcion_material?: string | null;
    readonly enlaces_material?: readonly string[] | null;
    readonly imagenes_material?: readonly string[] | null;
    readonly banners_material?: readonly string[] | null;
    readonly tipos_afiliado_permitidos?: readonly string[] | null;
    readonly paises_permitidos?: readonly string[] | null;
    /** JSON object text, as on the wire; absent or blank = `{}`. */
    readonly metricas_minimas?: string | null;
    readonly auto_activar?: boolean | null;
    readonly influencer_origen_id?: string | null;
    readonly influencer_origen_nombre?: string | null;
    readonly influencer_origen_email?: string | null;
    readonly categoria_origen?: string | null;
    readonly fecha_creacion: string;
  };
}

/** Compensation (wire: `EventoCampanaEliminacionRequerida`); `fecha_eliminacion` is the decision instant. */
export interface EliminarCampana {
  readonly type: 'EliminarCampana';
  readonly data: {
    readonly campana_id: string;
    readonly influencer_id?: string | null;
    readonly razon?: string | null;
    readonly fecha_eliminacion: string;
  };
}

export type CampanaCommand = CrearCampana | EliminarCampana;
