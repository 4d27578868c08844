import type {
  ComandoCrearContrato,
  ComandoEliminarContrato,
  EventoContratoCreado,
  EventoContratoEliminado,
  EventoContratoError,
} from '../records/contratos.ts';
import { sampleEnvelope, sampleIds } from './sampleIds.ts';

const { idInfluencer, idCampana, idContrato } = sampleIds;

export const crearContrato: ComandoCrearContrato = {
  data: {
    influencer_id: idInfluencer,
    influencer_nombre: 'Ana García',
    influencer_email: 'ana.garcia@gmail.com',
    campana_id: idCampana,
    campana_nombre: 'Campaña de bienvenida para Ana García',
    categorias: ['moda', 'belleza'],
    descripcion: 'Contrato automático para la campaña: Campaña de bienvenida para Ana García',
    monto_base: 100,
    moneda: 'USD',
    fecha_inicio: '2025-09-20T03:21:45.900000',
    fecha_fin: null,
    entregables: 'Contenido promocional según especificaciones de la campaña',
    tipo_contrato: 'puntual',
  },
  ...sampleEnvelope('CrearContrato', 'saga', 'CampanaCreada'),
  id_contrato: idContrato,
  monto_base_decimal: '100.00',
};

export const contratoCreado: EventoContratoCreado = {
  data: {
    id_contrato: idContrato,
    id_influencer: idInfluencer,
    id_campana: idCampana,
    monto_total: 100,
    moneda: 'USD',
    tipo_contrato: 'puntual',
    fecha_creacion: '2025-09-20T03:21:46.000Z',
  },
  ...sampleEnvelope('ContratoCreado', 'contratos', 'CrearContrato'),
  monto_total_decimal: '100.00',
};

export const contratoError: EventoContratoError = {
  data: {
    id_contrato: idContrato,
    id_influencer: idInfluencer,
    id_campana: idCampana,
    monto_total: 100,
    moneda: 'USD',
    tipo_contrato: 'puntual',
    fecha_creacion: '2025-09-20T03:21:46.000Z',
    error: 'ya existe un contrato para ana.garcia@gmail.com',
    error_detalle: 'Error en creación de contrato: ya existe un contrato para ana.garcia@gmail.com',
  },
  ...sampleEnvelope('ErrorCreacionContrato', 'contratos', 'CrearContrato'),
  monto_total_decimal: '100.00',
  error_codigo: 'CONTRATO_EMAIL_DUPLICADO',
};

export const eliminarContrato: ComandoEliminarContrato = {
  data: {
    contrato_id: idContrato,
    campana_id: idCampana,
    influencer_id: idInfluencer,
    razon: 'Compensación por vencimiento del paso CrearContrato',
    fecha_solicitud: '2025-09-20T03:22:46.000Z',
  },
  ...sampleEnvelope('EliminarContrato', 'saga', 'ContratoCreado'),
};

export const contratoEliminado: EventoContratoEliminado = {
  data: {
    contrato_id: idContrato,
    campana_id: idCampana,
    influencer_id: idInfluencer,
    razon: eliminarContrato.data?.razon ?? null,
    fecha_eliminacion: '2025-09-20T03:22:46.100Z',
  },
  ...sampleEnvelope('ContratoEliminado', 'contratos', 'EliminarContrato'),
};
