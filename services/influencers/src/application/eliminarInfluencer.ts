import type { Decision, Decisions } from '@alpes/eventstore';
import { influencerDecider, streamInfluencer } from '../domain/index.ts';
import type { EliminarInfluencer, InfluencerEvent, InfluencerState } from '../domain/index.ts';

/** Deletes an influencer (the saga's compensation); the caller confirms even when it was already deleted. */
export function eliminarInfluencer(
  decisions: Decisions,
  command: EliminarInfluencer,
): Promise<Decision<InfluencerState, InfluencerEvent>> {
  return decisions.decide(influencerDecider, streamInfluencer(command.data.influencer_id), command);
}
