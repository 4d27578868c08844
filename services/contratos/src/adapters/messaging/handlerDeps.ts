import type { Event, EventMetadata } from '@alpes/eventstore';
import type { PostgresEventStore, RetryOptions } from '@alpes/eventstore/postgres';
import type { Logger } from '@alpes/service-kit';
import type { DecisionsOutcome } from '../postgres/runDecisions.ts';
import type { MessageContext } from './messageContext.ts';

export interface HandlerDeps {
  readonly store: PostgresEventStore;
  readonly log: Logger;
  /** Epoch ms; the instant put into the commands. */
  readonly clock: () => number;
  readonly retry?: RetryOptions;
}

export function metadataOf(context: MessageContext): EventMetadata {
  return { correlationId: context.correlationId ?? undefined, causationId: context.causationId };
}

/** One line per handled message at debug, one per refusal at info. */
export function logOutcome(
  log: Logger,
  what: string,
  fields: Record<string, unknown>,
  outcome: DecisionsOutcome<unknown, Event>,
): void {
  if (outcome.outcome === 'rejected')
    log('info', `${what} refused`, { ...fields, code: outcome.error.code, error: outcome.error.message });
  else log('debug', `${what} ${outcome.outcome}`, fields);
}
