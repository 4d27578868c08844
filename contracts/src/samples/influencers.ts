import type {
  ComandoEliminarInfluencer,
  EventoCrearInfluencer,
  EventoInfluencerEliminado,
  EventoInfluencerError,
  EventoInfluencerRegistrado,
} from '../records/influencers.ts';
import { sampleEnvelope, sampleIds, sampleTime } from './sampleIds.ts';

const { idInfluencer } = sampleIds;

export const crearInfluencer: EventoCrearInfluencer = {
  data: {
    id: idInfluencer,
    nombre: 'Ana García',
    email: 'ana.garcia@gmail.com',
    categorias: ['moda', 'belleza'],
    descripcion: 'Influencer de moda y belleza con gran engagement',
    biografia: 'Creador de contenido especializado en moda con más de 50K seguidores',
    sitio_web: 'https://anagarcia.com',
    telefono: '+34 600 111 222',
    fecha_creacion: '2025-09-20T03:21:45.872565',
    fecha_actualizacion: '2025-09-20T03:21:45.872565',
  },
  ...sampleEnvelope('CrearInfluencer', 'bff', null),
  plataformas: ['instagram', 'tiktok'],
};

export const influencerRegistrado: EventoInfluencerRegistrado = {
  data: {
    id_influencer: idInfluencer,
    nombre: 'Ana García',
    email: 'ana.garcia@gmail.com',
    categorias: ['moda', 'belleza'],
    fecha_registro: sampleTime,
  },
  ...sampleEnvelope('InfluencerRegistrado', 'influencers', 'CrearInfluencer'),
};

export const influencerError: EventoInfluencerError = {
  data: {
    id_influencer: idInfluencer,
    nombre: 'Ana García',
    email: 'ana.garcia@gmail',
    error_codigo: 'EMAIL_INVALIDO',
    error: 'email inválido',
    error_detalle: 'Error en registro de influencer: email inválido',
    fecha_error: '2025-09-20T03:21:45.872Z',
  },
  ...sampleEnvelope('ErrorCreacionInfluencer', 'influencers', 'CrearInfluencer'),
};

export const eliminarInfluencer: ComandoEliminarInfluencer = {
  data: {
    influencer_id: idInfluencer,
    razon: 'Compensación por error en creación de campaña',
    fecha_solicitud: '2025-09-20T03:21:46.000Z',
  },
  ...sampleEnvelope('EliminarInfluencer', 'saga', 'ErrorCreacionCampana'),
};

export const influencerEliminado: EventoInfluencerEliminado = {
  data: {
    influencer_id: idInfluencer,
    razon: eliminarInfluencer.data?.razon ?? null,
    fecha_eliminacion: '2025-09-20T03:21:46.100Z',
  },
  ...sampleEnvelope('InfluencerEliminado', 'influencers', 'EliminarInfluencer'),
};
