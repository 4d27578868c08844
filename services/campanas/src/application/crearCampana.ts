import type { CrearCampana } from '../domain/index.ts';
import type { CampanaCommandRunner, CommandOutcome, MessageContext } from './ports.ts';

/** Creates the influencer's campaign (step 2 of the saga): the command, built from the wire by the messaging adapter. */
export function crearCampana(
  deps: { readonly runner: CampanaCommandRunner },
  command: CrearCampana,
  context: MessageContext,
): Promise<CommandOutcome> {
  return deps.runner.run(command, context);
}
