/**
 * Register an influencer (wire: `EventoCrearInfluencer` on `eventos-crear-influencer`). The id is the one
 * the client sent (D-03); `fecha_registro` is the decision instant, chosen by the application (epoch ms).
 * Blank optional texts count as absent (the BFF of the original sent `""` for them, D-06).
 */
export interface CrearInfluencer {
  readonly type: 'CrearInfluencer';
  readonly data: {
    readonly id_influencer: string;
    readonly nombre: string;
    readonly email: string;
    readonly categorias: readonly string[];
    /** Absent in v1 messages (the original BFF dropped them, D-12): absent or null → none. */
    readonly plataformas?: readonly string[] | null;
    readonly descripcion?: string | null;
    readonly biografia?: string | null;
    readonly sitio_web?: string | null;
    readonly telefono?: string | null;
    readonly fecha_registro: number;
  };
}

/** Compensation (wire: `ComandoEliminarInfluencer`); `fecha_eliminacion` is the decision instant, ISO-8601. */
export interface EliminarInfluencer {
  readonly type: 'EliminarInfluencer';
  readonly data: {
    readonly influencer_id: string;
    readonly razon?: string | null;
    readonly fecha_eliminacion: string;
  };
}

export type InfluencerCommand = CrearInfluencer | EliminarInfluencer;
