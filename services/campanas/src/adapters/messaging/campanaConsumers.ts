import type { NewEvent } from '@alpes/eventstore';
import type { Consumer } from '@alpes/pulsar';
import { commandRoute, startCommandConsumers, type CommandConsumersOptions } from '@alpes/service-kit';
import { confirmacionEliminacion } from '../../application/confirmacionEliminacion.ts';
import { crearCampana } from '../../application/crearCampana.ts';
import { eliminarCampana } from '../../application/eliminarCampana.ts';
import type { CampanaCreada, CampanaEvent } from '../../domain/index.ts';
import { campanasProjection } from '../postgres/campanasProjection.ts';
import { campanaCreadaMessage, campanaEliminadaMessage, campanaErrorMessage } from './campanaMessages.ts';
import { toCrearCampana } from './toCrearCampana.ts';
import { toEliminarCampana } from './toEliminarCampana.ts';

const isCreada = (event: NewEvent): event is NewEvent<CampanaCreada> => event.type === 'CampanaCreada';

/**
 * `CrearCampana` → `CampanaCreada` (`CampanaActivada` stays internal: the wire has no record for it), or
 * `ErrorCreacionCampana` when a rule refuses it.
 */
export const crearCampanaRoute = commandRoute({
  topic: 'comandos-campanas',
  name: 'CrearCampana',
  influencerOf: (record) => record.data?.influencer_origen_id,
  toCommand: (record, context) => toCrearCampana(record, context.now),
  decide: crearCampana,
  outbox: (_result, appended, _command, context) =>
    appended.filter(isCreada).map((event) => campanaCreadaMessage(event.eventId, event.data, context)),
  onRejected: (error, command, context) => [campanaErrorMessage(error, command, context)],
  logFields: (command) => ({ campana_id: command.data.campana_id }),
});

/**
 * `EliminarCampana` (compensation) → the deletion confirmation, re-published from the state when the campaign was
 * already deleted. It is refused only for a missing id or instant, which the policy and the clock rule out: should
 * it happen, throwing (not a DomainError) rolls back and lets the consumer retry, then dead-letter.
 */
export const eliminarCampanaRoute = commandRoute({
  topic: 'eventos-campanas-eliminacion-v2',
  name: 'EliminarCampana',
  influencerOf: (record) => record.data?.influencer_id,
  toCommand: (record, context) => toEliminarCampana(record, context.now),
  decide: eliminarCampana,
  outbox: (result, appended: readonly NewEvent<CampanaEvent>[], command, context) => {
    const confirmacion = confirmacionEliminacion(command, appended, result.state);
    return confirmacion === undefined ? [] : [campanaEliminadaMessage(confirmacion, context)];
  },
  onRejected: (error) => {
    throw new Error(`EliminarCampana rechazado (${error.code}): ${error.message}`, { cause: error });
  },
  logFields: (command) => ({ campana_id: command.data.campana_id }),
});

/** The service's projections, written with every command's events. */
export const campanasHandling = { service: 'campanas', projections: [campanasProjection] } as const;

export type CampanaConsumersOptions = Omit<CommandConsumersOptions<CampanaEvent>, 'service' | 'projections'>;

/**
 * The service's two Key_Shared subscriptions (catalogue names): `comandos-campanas` → CrearCampana and
 * `eventos-campanas-eliminacion-v2` → EliminarCampana.
 */
export function startCampanaConsumers(options: CampanaConsumersOptions): Promise<Consumer<unknown>[]> {
  return startCommandConsumers({ ...options, ...campanasHandling }, [crearCampanaRoute, eliminarCampanaRoute]);
}
