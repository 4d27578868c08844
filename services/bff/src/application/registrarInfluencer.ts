import { sagaIds } from '@alpes/contracts';
import type { CrearInfluencerBody } from '@alpes/contracts';
import { crearInfluencerCommand } from './crearInfluencerCommand.ts';
import { IdEnUso } from './ports.ts';
import type { CommandPublisher, RegistrationLedger } from './ports.ts';

export interface Registro {
  readonly id_correlacion: string;
  readonly id_influencer: string;
}

export interface RegistrarDeps {
  readonly publisher: CommandPublisher;
  readonly ledger: RegistrationLedger;
  readonly now: () => Date;
  /** A fresh id for a body without `id_influencer`. */
  readonly newId: () => string;
}

/**
 * Accepts a registration: binds its id to its body (the same id with another body → `IdEnUso`), publishes the
 * create command keyed by the influencer id and returns the saga's correlation id once the broker holds it.
 * Rejects with `PublisherUnavailable` when it could not; a retry of the same body is then accepted as new.
 */
export async function registrarInfluencer(deps: RegistrarDeps, body: CrearInfluencerBody): Promise<Registro> {
  const idInfluencer = body.id_influencer ?? deps.newId();
  const conId = { ...body, id_influencer: idInfluencer };
  const idCorrelacion = sagaIds.correlationId(idInfluencer);
  const claimed = await deps.ledger.claim({ body: conId, idInfluencer, idCorrelacion });
  if (claimed.outcome === 'conflict') throw new IdEnUso(idInfluencer, claimed.idCorrelacion);
  const command = crearInfluencerCommand(conId, deps.now());
  await deps.publisher.publish({ key: idInfluencer, value: command });
  return { id_correlacion: idCorrelacion, id_influencer: idInfluencer };
}
