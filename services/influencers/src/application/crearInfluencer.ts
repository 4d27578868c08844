import type { Decision, Decisions } from '@alpes/eventstore';
import { influencerDecider, streamInfluencer } from '../domain/index.ts';
import type { CrearInfluencer, InfluencerEvent, InfluencerState } from '../domain/index.ts';

/** Registers an influencer (step 1 of the saga) on its own stream. */
export function crearInfluencer(
  decisions: Decisions,
  command: CrearInfluencer,
): Promise<Decision<InfluencerState, InfluencerEvent>> {
  return decisions.decide(influencerDecider, streamInfluencer(command.data.id_influencer), command);
}
