import { catalogue } from '../catalogue.ts';
import { deterministicId, sagaIds } from '../deterministicId.ts';
import type { Envelope } from '../envelope.ts';

/** The ids of one sample registration, derived as the services derive them. */
export const sampleIds = (() => {
  const idInfluencer = '8a1d7b5e-2f3c-4a6b-9c8d-0e1f2a3b4c5d';
  const correlationId = sagaIds.correlationId(idInfluencer);
  return {
    idInfluencer,
    correlationId,
    idCampana: sagaIds.campanaId(correlationId),
    idContrato: sagaIds.contratoId(correlationId),
  };
})();

export const sampleTime = Date.UTC(2025, 8, 20, 3, 21, 45, 872);

/** Commands get their deterministic id; events a stand-in for their event-store id. */
function sampleMessageId(messageType: string): string {
  const isCommand = Object.values(catalogue).some(
    (spec) => spec.messageType === messageType && spec.kind === 'command',
  );
  return isCommand
    ? sagaIds.commandId(messageType, sampleIds.correlationId)
    : deterministicId('sample-event', messageType, sampleIds.correlationId);
}

/** The envelope of a message of the sample saga, caused by the message of type `causedBy`. */
export function sampleEnvelope(messageType: string, producer: string, causedBy: string | null): Envelope {
  return {
    message_id: sampleMessageId(messageType),
    message_type: messageType,
    correlation_id: sampleIds.correlationId,
    causation_id: causedBy === null ? null : sampleMessageId(causedBy),
    occurred_at: sampleTime,
    producer_service: producer,
  };
}
