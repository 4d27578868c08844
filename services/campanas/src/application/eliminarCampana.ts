import type { EliminarCampana } from '../domain/index.ts';
import type { CampanaCommandRunner, CommandOutcome, MessageContext } from './ports.ts';

/** Deletes a campaign (the saga's compensation); the confirmation is published even when already deleted. */
export function eliminarCampana(
  deps: { readonly runner: CampanaCommandRunner },
  command: EliminarCampana,
  context: MessageContext,
): Promise<CommandOutcome> {
  return deps.runner.run(command, context);
}
