import type { Decision, Decisions } from '@alpes/eventstore';
import { campanaDecider, streamCampana } from '../domain/index.ts';
import type { CampanaEvent, CampanaState, EliminarCampana } from '../domain/index.ts';

/** Deletes a campaign (the saga's compensation); the caller confirms even when it was already deleted. */
export function eliminarCampana(
  decisions: Decisions,
  command: EliminarCampana,
): Promise<Decision<CampanaState, CampanaEvent>> {
  return decisions.decide(campanaDecider, streamCampana(command.data.campana_id), command);
}
