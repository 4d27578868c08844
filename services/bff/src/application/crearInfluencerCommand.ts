import { sagaIds } from '@alpes/contracts';
import type { CrearInfluencerBody, EventoCrearInfluencer } from '@alpes/contracts';
import { envelope } from '@alpes/service-kit';

/**
 * The `CrearInfluencer` command (topic `eventos-crear-influencer`, v2) for a registration. Every id derives from
 * `id_influencer`, so the same registration always yields the same `correlation_id` and `message_id`
 * (downstream inboxes drop a repeat). Optional texts default to "" as the original BFF sent them.
 */
export function crearInfluencerCommand(
  body: CrearInfluencerBody & { readonly id_influencer: string },
  now: Date,
): EventoCrearInfluencer {
  const correlationId = sagaIds.correlationId(body.id_influencer);
  const instante = now.toISOString();
  return {
    data: {
      id: body.id_influencer,
      nombre: body.nombre,
      email: body.email,
      categorias: [...body.categorias],
      descripcion: body.descripcion ?? '',
      biografia: body.biografia ?? '',
      sitio_web: body.sitio_web ?? '',
      telefono: body.telefono ?? '',
      fecha_creacion: instante,
      fecha_actualizacion: instante,
    },
    ...envelope({
      messageId: sagaIds.commandId('CrearInfluencer', correlationId),
      messageType: 'CrearInfluencer',
      correlationId,
      causationId: null,
      occurredAt: now.getTime(),
      producer: 'bff',
    }),
    plataformas: [...(body.plataformas ?? [])],
  };
}
