import type {
  CampanaActivada,
  CampanaCreada,
  CampanaEliminada,
  CrearCampana,
  EliminarCampana,
} from '../src/domain/index.ts';

export const ID = '5f0c2d1e-8a7b-5c3d-9e1f-2a3b4c5d6e7f';
export const INFLUENCER = '0b9a7f7e-5c1d-4f7a-9a51-7d3f9a0c1e11';

/** The saga's welcome campaign (original §4.3 `ComandoCrearCampana`), with the campaign id it chose. */
export function crear(overrides: Partial<CrearCampana['data']> = {}): CrearCampana {
  return {
    type: 'CrearCampana',
    data: {
      campana_id: ID,
      nombre: 'Campaña de bienvenida para Ana García',
      descripcion: 'Campaña automática creada para el influencer Ana García',
      tipo_comision: 'cpa',
      valor_comision: '100.0',
      moneda: 'usd',
      fecha_inicio: '2025-09-20T03:21:45.872565',
      fecha_fin: null,
      titulo_material: 'Material de bienvenida',
      descripcion_material: 'Material promocional para nuevos influencers',
      categorias_objetivo: ['moda', 'Belleza'],
      tipos_afiliado_permitidos: ['influencer'],
      paises_permitidos: ['CO', 'MX', 'AR'],
      enlaces_material: [],
      imagenes_material: [],
      banners_material: [],
      metricas_minimas: '{}',
      auto_activar: true,
      influencer_origen_id: INFLUENCER,
      categoria_origen: 'moda',
      influencer_origen_nombre: 'Ana García',
      influencer_origen_email: 'ana.garcia@gmail.com',
      fecha_creacion: '2025-09-20T03:21:46Z',
      ...overrides,
    },
  };
}

export function eliminar(overrides: Partial<EliminarCampana['data']> = {}): EliminarCampana {
  return {
    type: 'EliminarCampana',
    data: {
      campana_id: ID,
      influencer_id: INFLUENCER,
      razon: 'Compensación por error en creación de contrato',
      fecha_eliminacion: '2025-09-20T03:22:00Z',
      ...overrides,
    },
  };
}

export const creada: CampanaCreada = {
  type: 'CampanaCreada',
  data: {
    campana_id: ID,
    nombre: 'Campaña de bienvenida para Ana García',
    descripcion: 'Campaña automática creada para el influencer Ana García',
    tipo_comision: 'cpa',
    valor_comision: '100.00',
    moneda: 'USD',
    categorias_objetivo: ['moda', 'belleza'],
    fecha_inicio: '2025-09-20T03:21:45.872Z',
    fecha_fin: null,
    influencer_id: INFLUENCER,
    influencer_nombre: 'Ana García',
    influencer_email: 'ana.garcia@gmail.com',
    categoria_origen: 'moda',
    material_promocional: {
      titulo: 'Material de bienvenida',
      descripcion: 'Material promocional para nuevos influencers',
      enlaces: [],
      imagenes: [],
      banners: [],
    },
    criterios_afiliado: {
      tipos_permitidos: ['influencer'],
      paises_permitidos: ['CO', 'MX', 'AR'],
      metricas_minimas: '{}',
    },
    auto_activar: true,
    fecha_creacion: '2025-09-20T03:21:46.000Z',
  },
};

export const activada: CampanaActivada = {
  type: 'CampanaActivada',
  data: { campana_id: ID, fecha_activacion: '2025-09-20T03:21:46.000Z' },
};

export const eliminada = (existia: boolean): CampanaEliminada => ({
  type: 'CampanaEliminada',
  data: {
    campana_id: ID,
    influencer_id: INFLUENCER,
    razon: 'Compensación por error en creación de contrato',
    fecha_eliminacion: '2025-09-20T03:22:00.000Z',
    existia,
  },
});
