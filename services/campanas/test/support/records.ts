// Wire records as the saga (v2) and the original tools (v1) send them.
import { randomUUID } from 'node:crypto';
import { sagaIds } from '@alpes/contracts';
import type { ComandoCrearCampana, CrearCampanaPayload, EventoCampanaEliminacionRequerida } from '@alpes/contracts';

export interface Saga {
  readonly idInfluencer: string;
  readonly correlationId: string;
  readonly campanaId: string;
}

export function newSaga(): Saga {
  const idInfluencer = randomUUID();
  const correlationId = sagaIds.correlationId(idInfluencer);
  return { idInfluencer, correlationId, campanaId: sagaIds.campanaId(correlationId) };
}

/** The saga's welcome campaign (original §6.2), v1 payload. */
export function payload(saga: Saga, overrides: Partial<CrearCampanaPayload> = {}): CrearCampanaPayload {
  const ahora = new Date().toISOString();
  return {
    fecha_creacion: ahora,
    fecha_actualizacion: ahora,
    id: saga.campanaId,
    nombre: 'Campaña de bienvenida para Ana García',
    descripcion: 'Campaña automática creada para el influencer Ana García',
    tipo_comision: 'cpa',
    valor_comision: 100,
    moneda: 'USD',
    fecha_inicio: ahora,
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
    influencer_origen_id: saga.idInfluencer,
    categoria_origen: 'moda',
    influencer_origen_nombre: 'Ana García',
    influencer_origen_email: 'ana.garcia@example.com',
    ...overrides,
  };
}

/** v2: the payload plus the envelope and the exact commission. */
export function crearV2(
  saga: Saga,
  overrides: Partial<CrearCampanaPayload> = {},
  messageId = sagaIds.commandId('CrearCampana', saga.correlationId),
): ComandoCrearCampana {
  return {
    data: payload(saga, overrides),
    message_id: messageId,
    message_type: 'CrearCampana',
    correlation_id: saga.correlationId,
    causation_id: randomUUID(),
    occurred_at: Date.now(),
    producer_service: 'saga',
    valor_comision_decimal: '100.00',
  };
}

export function eliminarV2(saga: Saga, messageId = randomUUID()): EventoCampanaEliminacionRequerida {
  return {
    data: {
      campana_id: saga.campanaId,
      influencer_id: saga.idInfluencer,
      razon: 'Compensación por error en creación de contrato: email duplicado',
      fecha_solicitud: new Date().toISOString(),
    },
    message_id: messageId,
    message_type: 'EliminarCampana',
    correlation_id: saga.correlationId,
    causation_id: randomUUID(),
    occurred_at: Date.now(),
    producer_service: 'saga',
  };
}
