import type { NewEvent } from '@alpes/eventstore';
import type { Consumer } from '@alpes/pulsar';
import { commandRoute, startCommandConsumers, type CommandConsumersOptions } from '@alpes/service-kit';
import { confirmacionEliminacion } from '../../application/confirmacionEliminacion.ts';
import { crearInfluencer } from '../../application/crearInfluencer.ts';
import { eliminarInfluencer } from '../../application/eliminarInfluencer.ts';
import type { InfluencerEvent } from '../../domain/index.ts';
import { influencersProjection } from '../postgres/influencersProjection.ts';
import { eliminadoMessage, errorMessage, registradoMessage } from './outboxMessages.ts';
import { toCrearInfluencer } from './toCrearInfluencer.ts';
import { eliminarInfluencerCommand } from './toEliminarInfluencer.ts';

/** `CrearInfluencer` → `InfluencerRegistrado`, or `ErrorCreacionInfluencer` when a rule refuses it. */
export const crearInfluencerRoute = commandRoute({
  topic: 'eventos-crear-influencer',
  name: 'CrearInfluencer',
  influencerOf: (record) => record.data?.id,
  toCommand: (record, context) => toCrearInfluencer(record, context.now),
  decide: crearInfluencer,
  outbox: (_result, appended: readonly NewEvent<InfluencerEvent>[]) =>
    appended.filter((e) => e.type === 'InfluencerRegistrado').map(registradoMessage),
  onRejected: (error, command, context) => [errorMessage(error, command, context)],
  logFields: (command) => ({ id: command.data.id_influencer }),
});

/**
 * The `EliminarInfluencer` compensation → its confirmation, also when already deleted. A refused compensation has
 * no error topic the saga would read as such (and cannot happen: the policy checks the id, the context sets the
 * instant), so it fails the transaction and the message is retried, then dead-lettered.
 */
export const eliminarInfluencerRoute = commandRoute({
  topic: 'comandos-influencers-eliminacion',
  name: 'EliminarInfluencer',
  influencerOf: (record) => record.data?.influencer_id,
  toCommand: (record, context) => eliminarInfluencerCommand(record.data, context.now),
  decide: eliminarInfluencer,
  outbox: (result, appended: readonly NewEvent<InfluencerEvent>[], command, context) => {
    const confirmacion = confirmacionEliminacion(command.data.influencer_id, appended, result.state);
    return confirmacion === undefined ? [] : [eliminadoMessage(confirmacion, context)];
  },
  onRejected: (error) => {
    throw new Error(`EliminarInfluencer refused (${error.code}): ${error.message}`, { cause: error });
  },
  logFields: (command) => ({ id: command.data.influencer_id }),
});

/** The service's projections, written with every command's events. */
export const influencersHandling = { service: 'influencers', projections: [influencersProjection] } as const;

export type InfluencerConsumersOptions = Omit<CommandConsumersOptions<InfluencerEvent>, 'service' | 'projections'>;

/**
 * The two command consumers (Key_Shared, from Earliest): `CrearInfluencer` and the `EliminarInfluencer`
 * compensation. A handler that throws (undecodable or invalid message, database down) → redelivery, then DLQ.
 */
export function startInfluencerConsumers(options: InfluencerConsumersOptions): Promise<Consumer<unknown>[]> {
  return startCommandConsumers({ ...options, ...influencersHandling }, [crearInfluencerRoute, eliminarInfluencerRoute]);
}
