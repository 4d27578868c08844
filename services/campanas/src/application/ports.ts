import type { DomainError, StoredEvent } from '@alpes/eventstore';
import type { CampanaCommand, CampanaEvent, CampanaState } from '../domain/index.ts';

/** What the consumed message that caused a command tells it (one shape in every service). */
import type { MessageContext } from '@alpes/shared-kernel';
export type { MessageContext };

export type CommandOutcome =
  | { readonly outcome: 'applied'; readonly events: readonly StoredEvent<CampanaEvent>[]; readonly state: CampanaState }
  | { readonly outcome: 'duplicate' }
  | { readonly outcome: 'rejected'; readonly error: DomainError };

/**
 * Runs one command on its campaign's stream in one transaction: events, read model, outbox and inbox,
 * or — when the decider refuses it — the error event and the inbox (the PostgreSQL adapter).
 */
export interface CampanaCommandRunner {
  run(command: CampanaCommand, context: MessageContext): Promise<CommandOutcome>;
}
