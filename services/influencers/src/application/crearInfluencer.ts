import type { CrearInfluencer } from '../domain/index.ts';
import type { CommandOutcome, InfluencerCommandRunner, MessageContext } from './ports.ts';

/** Registers an influencer (step 1 of the saga): the command, built from the wire by the messaging adapter. */
export function crearInfluencer(
  deps: { readonly runner: InfluencerCommandRunner },
  command: CrearInfluencer,
  context: MessageContext,
): Promise<CommandOutcome> {
  return deps.runner.run(command, context);
}
