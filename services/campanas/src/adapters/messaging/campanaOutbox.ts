import type { DomainError, OutboxMessage, NewEvent } from '@alpes/eventstore';
import { confirmacionEliminacion } from '../../application/confirmacionEliminacion.ts';
import type { MessageContext } from '../../application/ports.ts';
import type { CampanaCommand, CampanaCreada, CampanaEvent, CampanaState } from '../../domain/index.ts';
import { campanaCreadaMessage, campanaEliminadaMessage, campanaErrorMessage } from './campanaMessages.ts';

/**
 * The integration events a command's outcome publishes: `CampanaCreada` for a new campaign (`CampanaActivada`
 * stays internal: the wire has no record for it), the deletion confirmation — also re-published from the
 * state when the campaign was already deleted.
 */
export function campanaOutbox(command: CampanaCommand, context: MessageContext) {
  return (events: readonly NewEvent<CampanaEvent>[], state: CampanaState): OutboxMessage[] => {
    if (command.type === 'EliminarCampana') {
      const confirmacion = confirmacionEliminacion(command, events, state);
      return confirmacion === undefined ? [] : [campanaEliminadaMessage(confirmacion, context)];
    }
    return events
      .filter((e) => e.type === 'CampanaCreada')
      .map((e) => campanaCreadaMessage(e.eventId, e.data as CampanaCreada['data'], context));
  };
}

/**
 * A refused `CrearCampana` → `ErrorCreacionCampana`. `EliminarCampana` is refused only for a missing id or
 * instant, which the policy and the clock rule out: should it happen, throwing (not a DomainError) rolls the
 * transaction back and lets the consumer retry, then dead-letter, instead of confirming nothing.
 */
export function campanaRejection(command: CampanaCommand, context: MessageContext) {
  return (error: DomainError): OutboxMessage[] => {
    if (command.type === 'CrearCampana') return [campanaErrorMessage(command, error, context)];
    throw new Error(`EliminarCampana rechazado (${error.code}): ${error.message}`, { cause: error });
  };
}
