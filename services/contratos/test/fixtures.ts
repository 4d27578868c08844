import type {
  ContratoActivoAsignado,
  ContratoActivoLiberado,
  ContratoCreado,
  ContratoEliminado,
  CrearContrato,
  EliminarContrato,
  FinalizarContrato,
  LiberarContratoActivo,
  MotivoLiberacion,
  ReservarContratoActivo,
} from '../src/domain/index.ts';

export const ID = '7c1e0d2f-3a4b-5c6d-8e9f-0a1b2c3d4e5f';
export const OTRO = '9d2f1e3a-4b5c-5d6e-9f0a-1b2c3d4e5f6a';
export const CAMPANA = '5f0c2d1e-8a7b-5c3d-9e1f-2a3b4c5d6e7f';
export const INFLUENCER = '0b9a7f7e-5c1d-4f7a-9a51-7d3f9a0c1e11';
export const EMAIL = 'ana.garcia@gmail.com';

/** The saga's contract for the welcome campaign (original §4.3 `ComandoCrearContrato`), with its chosen id. */
export function crear(overrides: Partial<CrearContrato['data']> = {}): CrearContrato {
  return {
    type: 'CrearContrato',
    data: {
      id_contrato: ID,
      influencer_id: INFLUENCER,
      influencer_nombre: 'Ana García',
      influencer_email: ' Ana.Garcia@Gmail.com ',
      campana_id: CAMPANA,
      campana_nombre: 'Campaña de bienvenida para Ana García',
      categorias: ['Moda', 'belleza', 'moda '],
      descripcion: 'Contrato automático para la campaña: Campaña de bienvenida para Ana García',
      monto_base: '100.0',
      moneda: 'usd',
      fecha_inicio: '2025-09-20T03:21:45.872565',
      fecha_fin: null,
      entregables: 'Contenido promocional según especificaciones de la campaña',
      tipo_contrato: 'puntual',
      fecha_creacion: '2025-09-20T03:21:50Z',
      ...overrides,
    },
  };
}

export const creado: ContratoCreado = {
  type: 'ContratoCreado',
  data: {
    id_contrato: ID,
    id_influencer: INFLUENCER,
    id_campana: CAMPANA,
    monto_total: '100.00',
    moneda: 'USD',
    tipo_contrato: 'puntual',
    fecha_creacion: '2025-09-20T03:21:50.000Z',
    influencer_nombre: 'Ana García',
    influencer_email: EMAIL,
    campana_nombre: 'Campaña de bienvenida para Ana García',
    categorias: ['moda', 'belleza'],
    descripcion: 'Contrato automático para la campaña: Campaña de bienvenida para Ana García',
    entregables: 'Contenido promocional según especificaciones de la campaña',
    fecha_inicio: '2025-09-20T03:21:45.872Z',
    fecha_fin: null,
  },
};

export function eliminar(overrides: Partial<EliminarContrato['data']> = {}): EliminarContrato {
  return {
    type: 'EliminarContrato',
    data: {
      contrato_id: ID,
      campana_id: CAMPANA,
      influencer_id: INFLUENCER,
      razon: 'Saga compensada',
      fecha_eliminacion: '2025-09-20T03:23:00Z',
      ...overrides,
    },
  };
}

export const eliminado = (existia: boolean): ContratoEliminado => ({
  type: 'ContratoEliminado',
  data: {
    contrato_id: ID,
    campana_id: CAMPANA,
    influencer_id: INFLUENCER,
    influencer_email: existia ? EMAIL : null,
    razon: 'Saga compensada',
    fecha_eliminacion: '2025-09-20T03:23:00.000Z',
    existia,
  },
});

export function finalizar(fecha_finalizacion = '2025-12-31T00:00:00Z'): FinalizarContrato {
  return { type: 'FinalizarContrato', data: { id_contrato: ID, fecha_finalizacion } };
}

export function reservar(
  id_contrato: string,
  overrides: Partial<ReservarContratoActivo['data']> = {},
): ReservarContratoActivo {
  return {
    type: 'ReservarContratoActivo',
    data: { influencer_email: EMAIL, id_contrato, fecha_fin: null, fecha: '2025-09-20T03:21:50Z', ...overrides },
  };
}

export function liberar(id_contrato: string, motivo: MotivoLiberacion = 'eliminado'): LiberarContratoActivo {
  return {
    type: 'LiberarContratoActivo',
    data: { influencer_email: EMAIL, id_contrato, motivo, fecha: '2025-09-20T03:23:00Z' },
  };
}

export function asignado(
  id_contrato: string,
  fecha_fin: string | null = null,
  fecha_asignacion = '2025-09-20T03:21:50.000Z',
): ContratoActivoAsignado {
  return {
    type: 'ContratoActivoAsignado',
    data: { influencer_email: EMAIL, id_contrato, fecha_fin, fecha_asignacion },
  };
}

export function liberado(
  id_contrato: string,
  motivo: MotivoLiberacion = 'eliminado',
  fecha_liberacion = '2025-09-20T03:23:00.000Z',
): ContratoActivoLiberado {
  return { type: 'ContratoActivoLiberado', data: { influencer_email: EMAIL, id_contrato, motivo, fecha_liberacion } };
}
