import type { NewEvent } from '@alpes/eventstore';
import type { CampanaEliminada, CampanaEvent, CampanaState, EliminarCampana } from '../domain/index.ts';

export interface Confirmacion {
  readonly data: CampanaEliminada['data'];
  /** The stored event's id, or undefined when the confirmation is re-published from the state. */
  readonly eventId: string | undefined;
}

/**
 * The `CampanaEliminada` confirmation an `EliminarCampana` answers with: the new event, or — when the campaign
 * was already deleted and the decider emitted nothing — the same facts again from the state, because the saga
 * retries compensations under new message ids and waits for a confirmation.
 */
export function confirmacionEliminacion(
  command: EliminarCampana,
  events: readonly NewEvent<CampanaEvent>[],
  state: CampanaState,
): Confirmacion | undefined {
  const event = events.find((e) => e.type === 'CampanaEliminada');
  if (event !== undefined) return { data: event.data as CampanaEliminada['data'], eventId: event.eventId };
  if (events.length > 0 || state.estado !== 'eliminada') return undefined;
  const influencerId = state.campana?.influencer_id ?? command.data.influencer_id?.trim() ?? null;
  return {
    data: {
      campana_id: command.data.campana_id,
      influencer_id: influencerId || null,
      razon: state.razon,
      fecha_eliminacion: state.fecha_eliminacion,
      existia: state.campana !== null,
    },
    eventId: undefined,
  };
}
