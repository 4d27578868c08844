import { DomainError } from '@alpes/eventstore';

export type SagaErrorCode =
  /** A step's outcome arrived for a saga that was never started (e.g. an event injected by hand). */
  'SAGA_DESCONOCIDA';

export function sagaError(
  code: SagaErrorCode,
  message: string,
  details?: Record<string, unknown>,
): DomainError<SagaErrorCode> {
  return new DomainError(code, message, details);
}
