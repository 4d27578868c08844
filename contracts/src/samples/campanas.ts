import type {
  ComandoCrearCampana,
  EventoCampanaCreada,
  EventoCampanaEliminacionRequerida,
  EventoCampanaEliminada,
  EventoCampanaError,
} from '../records/campanas.ts';
import { sampleEnvelope, sampleIds } from './sampleIds.ts';

const { idInfluencer, idCampana } = sampleIds;
const nombre = 'Campaña de bienvenida para Ana García';

export const crearCampana: ComandoCrearCampana = {
  data: {
    fecha_creacion: '2025-09-20T03:21:45.900000',
    fecha_actualizacion: '2025-09-20T03:21:45.900000',
    id: idCampana,
    nombre,
    descripcion: 'Campaña automática creada para el influencer Ana García',
    tipo_comision: 'cpa',
    valor_comision: 100,
    moneda: 'USD',
    fecha_inicio: '2025-09-20T03:21:45.900000',
    fecha_fin: null,
    titulo_material: 'Material de bienvenida',
    descripcion_material: 'Material promocional para nuevos influencers',
    categorias_objetivo: ['moda', 'belleza'],
    tipos_afiliado_permitidos: ['influencer'],
    paises_permitidos: ['CO', 'MX', 'AR'],
    enlaces_material: [],
    imagenes_material: [],
    banners_material: [],
    metricas_minimas: '{}',
    auto_activar: true,
    influencer_origen_id: idInfluencer,
    categoria_origen: 'moda',
    influencer_origen_nombre: 'Ana García',
    influencer_origen_email: 'ana.garcia@gmail.com',
  },
  ...sampleEnvelope('CrearCampana', 'saga', 'InfluencerRegistrado'),
  valor_comision_decimal: '100.00',
};

export const campanaCreada: EventoCampanaCreada = {
  data: {
    campana_id: idCampana,
    nombre,
    descripcion: crearCampana.data?.descripcion ?? null,
    tipo_comision: 'cpa',
    valor_comision: 100,
    moneda: 'USD',
    categorias_objetivo: ['moda', 'belleza'],
    fecha_inicio: '2025-09-20T03:21:45.900Z',
    fecha_fin: null,
    influencer_id: idInfluencer,
    influencer_nombre: 'Ana García',
    influencer_email: 'ana.garcia@gmail.com',
    monto_base: 100,
    entregables: 'Promoción de campaña',
    tipo_contrato: 'puntual',
    fecha_creacion: '2025-09-20T03:21:45.950Z',
  },
  ...sampleEnvelope('CampanaCreada', 'campanas', 'CrearCampana'),
  valor_comision_decimal: '100.00',
  monto_base_decimal: '100.00',
};

export const campanaError: EventoCampanaError = {
  data: {
    id_campana: idCampana,
    id_influencer: idInfluencer,
    nombre,
    error_codigo: 'TIPO_COMISION_INVALIDO',
    error: 'tipo_comision debe ser cpa, cpl o cpc',
    error_detalle: 'Error en creación de campaña: tipo_comision debe ser cpa, cpl o cpc',
    fecha_error: '2025-09-20T03:21:45.950Z',
  },
  ...sampleEnvelope('ErrorCreacionCampana', 'campanas', 'CrearCampana'),
};

export const eliminarCampana: EventoCampanaEliminacionRequerida = {
  data: {
    campana_id: idCampana,
    influencer_id: idInfluencer,
    razon: 'Compensación por error en creación de contrato: email duplicado',
    fecha_solicitud: '2025-09-20T03:21:46.000Z',
  },
  ...sampleEnvelope('EliminarCampana', 'saga', 'ErrorCreacionContrato'),
};

export const campanaEliminada: EventoCampanaEliminada = {
  data: {
    campana_id: idCampana,
    influencer_id: idInfluencer,
    razon: eliminarCampana.data?.razon ?? null,
    fecha_eliminacion: '2025-09-20T03:21:46.100Z',
  },
  ...sampleEnvelope('CampanaEliminada', 'campanas', 'EliminarCampana'),
};
