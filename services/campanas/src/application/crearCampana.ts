import type { Decision, Decisions } from '@alpes/eventstore';
import { campanaDecider, streamCampana } from '../domain/index.ts';
import type { CampanaEvent, CampanaState, CrearCampana } from '../domain/index.ts';

/** Creates (and activates) the campaign of an influencer's registration (step 2 of the saga) on its own stream. */
export function crearCampana(
  decisions: Decisions,
  command: CrearCampana,
): Promise<Decision<CampanaState, CampanaEvent>> {
  return decisions.decide(campanaDecider, streamCampana(command.data.campana_id), command);
}
