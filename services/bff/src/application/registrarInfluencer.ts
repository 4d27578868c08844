import type { CrearInfluencerBody } from '@alpes/contracts';
import { crearInfluencerCommand } from './crearInfluencerCommand.ts';
import type { CommandPublisher } from './ports.ts';

export interface Registro {
  readonly id_correlacion: string;
  readonly id_influencer: string;
}

/**
 * Accepts a registration: publishes the create command keyed by the influencer id and returns the saga's
 * correlation id once the broker holds it. Rejects with `PublisherUnavailable` when it could not.
 */
export async function registrarInfluencer(
  deps: { readonly publisher: CommandPublisher; readonly now: () => Date },
  body: CrearInfluencerBody,
): Promise<Registro> {
  const command = crearInfluencerCommand(body, deps.now());
  await deps.publisher.publish({ key: body.id_influencer, value: command });
  return { id_correlacion: command.correlation_id as string, id_influencer: body.id_influencer };
}
