import type { EliminarInfluencer } from '../domain/index.ts';
import type { CommandOutcome, InfluencerCommandRunner, MessageContext } from './ports.ts';

/** Deletes an influencer (the saga's compensation); the confirmation is published even when already deleted. */
export function eliminarInfluencer(
  deps: { readonly runner: InfluencerCommandRunner },
  command: EliminarInfluencer,
  context: MessageContext,
): Promise<CommandOutcome> {
  return deps.runner.run(command, context);
}
