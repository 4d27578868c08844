import type {
  CrearInfluencer,
  EliminarInfluencer,
  InfluencerEliminado,
  InfluencerRegistrado,
} from '../src/domain/index.ts';

export const ID = '0b9a7f7e-5c1d-4f7a-9a51-7d3f9a0c1e11';
export const T0 = Date.UTC(2025, 8, 20, 3, 21, 45, 872);

export function crear(overrides: Partial<CrearInfluencer['data']> = {}): CrearInfluencer {
  return {
    type: 'CrearInfluencer',
    data: {
      id_influencer: ID,
      nombre: '  Ana García ',
      email: ' Ana.Garcia@Gmail.com ',
      categorias: [' Moda', 'belleza ', 'MODA'],
      descripcion: 'Influencer de moda',
      biografia: '',
      sitio_web: 'https://ana.com',
      telefono: '+34 600 111 222',
      fecha_registro: T0,
      ...overrides,
    },
  };
}

export function eliminar(overrides: Partial<EliminarInfluencer['data']> = {}): EliminarInfluencer {
  return {
    type: 'EliminarInfluencer',
    data: {
      influencer_id: ID,
      razon: 'Compensación por error en creación de contrato',
      fecha_eliminacion: '2025-09-20T03:22:00',
      ...overrides,
    },
  };
}

export const registrado: InfluencerRegistrado = {
  type: 'InfluencerRegistrado',
  data: {
    id_influencer: ID,
    nombre: 'Ana García',
    email: 'ana.garcia@gmail.com',
    categorias: ['moda', 'belleza'],
    plataformas: [],
    fecha_registro: T0,
    descripcion: 'Influencer de moda',
    biografia: null,
    sitio_web: 'https://ana.com',
    telefono: '34600111222',
  },
};

export const eliminado = (existia: boolean): InfluencerEliminado => ({
  type: 'InfluencerEliminado',
  data: {
    influencer_id: ID,
    razon: 'Compensación por error en creación de contrato',
    fecha_eliminacion: '2025-09-20T03:22:00.000Z',
    existia,
  },
});
