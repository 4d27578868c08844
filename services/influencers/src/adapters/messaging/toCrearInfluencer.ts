import type { CrearInfluencerPayload, EventoCrearInfluencer } from '@alpes/contracts';
import { MensajeInvalido } from '@alpes/shared-kernel';
import type { CrearInfluencer } from '../../domain/index.ts';

/** The registration request as it arrives (wire `CrearInfluencerPayload` + v2 `plataformas`): anything may be null. */
export type SolicitudRegistro = Omit<CrearInfluencerPayload, 'fecha_creacion' | 'fecha_actualizacion'> & {
  readonly plataformas: readonly string[] | null;
};

/**
 * Policy: request → `CrearInfluencer`. The client's id is kept (D-03); missing texts become "" so the domain
 * answers with the rule's code (NOMBRE_INVALIDO …). `fecha_registro` is the handling instant: the decision
 * instant of the domain, the same for v1 and v2 messages (the envelope's `occurred_at` is the request time).
 */
export function crearInfluencerCommand(solicitud: SolicitudRegistro | null, now: number): CrearInfluencer {
  if (solicitud === null) throw new MensajeInvalido('EventoCrearInfluencer sin data');
  return {
    type: 'CrearInfluencer',
    data: {
      id_influencer: solicitud.id ?? '',
      nombre: solicitud.nombre ?? '',
      email: solicitud.email ?? '',
      categorias: solicitud.categorias ?? [],
      plataformas: solicitud.plataformas,
      descripcion: solicitud.descripcion,
      biografia: solicitud.biografia,
      sitio_web: solicitud.sitio_web,
      telefono: solicitud.telefono,
      fecha_registro: now,
    },
  };
}

/** Wire record (v1 or v2, `plataformas` beside the payload) → `CrearInfluencer`, decided at `now`. */
export function toCrearInfluencer(record: EventoCrearInfluencer, now: number): CrearInfluencer {
  return crearInfluencerCommand(record.data === null ? null : { ...record.data, plataformas: record.plataformas }, now);
}
