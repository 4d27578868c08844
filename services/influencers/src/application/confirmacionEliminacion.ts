import type { NewEvent } from '@alpes/eventstore';
import type { InfluencerEliminado, InfluencerEvent, InfluencerState } from '../domain/index.ts';

export interface Confirmacion {
  readonly data: InfluencerEliminado['data'];
  /** The stored event's id, or undefined when the confirmation is re-published from the state. */
  readonly eventId: string | undefined;
}

/**
 * The `InfluencerEliminado` confirmation an `EliminarInfluencer` answers with: the new event, or — when the
 * influencer was already deleted and the decider emitted nothing — the same facts again from the state,
 * because the saga retries compensations under new message ids and waits for a confirmation.
 */
export function confirmacionEliminacion(
  influencerId: string,
  events: readonly NewEvent<InfluencerEvent>[],
  state: InfluencerState,
): Confirmacion | undefined {
  const event = events.find((e) => e.type === 'InfluencerEliminado');
  if (event?.type === 'InfluencerEliminado')
    return { data: event.data as InfluencerEliminado['data'], eventId: event.eventId };
  if (events.length > 0 || state.estado !== 'eliminado') return undefined;
  return {
    data: {
      influencer_id: influencerId,
      razon: state.razon,
      fecha_eliminacion: state.fecha_eliminacion,
      existia: state.influencer !== null,
    },
    eventId: undefined,
  };
}
