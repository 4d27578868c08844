// Wire records as the saga (v2) and the original tools (v1) send them.
import { randomUUID } from 'node:crypto';
import { catalogue, sagaIds } from '@alpes/contracts';
import type { ComandoCrearContrato, ComandoEliminarContrato, CrearContratoPayload } from '@alpes/contracts';

export interface Registro {
  readonly idInfluencer: string;
  readonly correlationId: string;
  readonly idContrato: string;
  readonly idCampana: string;
}

/** The ids of one registration, derived as the saga derives them. */
export function registro(idInfluencer = randomUUID()): Registro {
  const correlationId = sagaIds.correlationId(idInfluencer);
  return {
    idInfluencer,
    correlationId,
    idContrato: sagaIds.contratoId(correlationId),
    idCampana: sagaIds.campanaId(correlationId),
  };
}

export function payload(r: Registro, overrides: Partial<CrearContratoPayload> = {}): CrearContratoPayload {
  return {
    influencer_id: r.idInfluencer,
    influencer_nombre: 'Ana García',
    influencer_email: 'ana.garcia@gmail.com',
    campana_id: r.idCampana,
    campana_nombre: 'Campaña de bienvenida para Ana García',
    categorias: ['Moda', 'belleza'],
    descripcion: 'Contrato automático para la campaña: Campaña de bienvenida para Ana García',
    monto_base: 100,
    moneda: 'USD',
    fecha_inicio: '2025-09-20T03:21:45.900000',
    fecha_fin: null,
    entregables: 'Contenido promocional según especificaciones de la campaña',
    tipo_contrato: 'puntual',
    ...overrides,
  };
}

/** v2 `ComandoCrearContrato` as the saga sends it (deterministic message id, chosen contract id, exact money). */
export function crearV2(
  r: Registro,
  overrides: Partial<CrearContratoPayload> = {},
  extra: Partial<ComandoCrearContrato> = {},
): ComandoCrearContrato {
  return {
    data: payload(r, overrides),
    message_id: sagaIds.commandId(catalogue['comandos-contratos-v2'].messageType, r.correlationId),
    message_type: 'CrearContrato',
    correlation_id: r.correlationId,
    causation_id: randomUUID(),
    occurred_at: Date.now(),
    producer_service: 'saga',
    id_contrato: r.idContrato,
    monto_base_decimal: '100.00',
    ...extra,
  };
}

/** The v1 record: the original payload only (written with the v1 schema, so no envelope on the wire). */
export function crearV1(r: Registro, overrides: Partial<CrearContratoPayload> = {}): ComandoCrearContrato {
  return {
    data: payload(r, overrides),
    message_id: null,
    message_type: null,
    correlation_id: null,
    causation_id: null,
    occurred_at: null,
    producer_service: null,
    id_contrato: null,
    monto_base_decimal: null,
  };
}

/** v1 (only version) `ComandoEliminarContrato`; the saga retries a compensation with a new message id. */
export function eliminar(r: Registro, messageId: string = randomUUID()): ComandoEliminarContrato {
  return {
    data: {
      contrato_id: r.idContrato,
      campana_id: r.idCampana,
      influencer_id: r.idInfluencer,
      razon: 'Compensación por falla en saga',
      fecha_solicitud: new Date().toISOString(),
    },
    message_id: messageId,
    message_type: 'EliminarContrato',
    correlation_id: r.correlationId,
    causation_id: null,
    occurred_at: Date.now(),
    producer_service: 'saga',
  };
}
