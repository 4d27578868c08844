import type { EventMetadata } from '@alpes/eventstore';
import type { PostgresEventStore, RetryOptions } from '@alpes/eventstore/postgres';
import type { Logger } from '@alpes/service-kit';
import type { MessageContext } from '@alpes/shared-kernel';

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

export { logOutcome } from '@alpes/service-kit';
