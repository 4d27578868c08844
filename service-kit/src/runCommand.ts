import { isDomainError, type DomainError, type Event, type OutboxMessage } from '@alpes/eventstore';
import {
  handleCommand,
  RetryableConflict,
  type HandleCommandOptions,
  type HandleCommandResult,
  type PostgresEventStore,
} from '@alpes/eventstore/postgres';

export type CommandOutcome<State, E extends Event> =
  | { readonly outcome: 'applied'; readonly result: HandleCommandResult<State, E> }
  | { readonly outcome: 'duplicate' }
  | { readonly outcome: 'rejected'; readonly error: DomainError };

export interface RunCommandOptions<State, Command, E extends Event> extends HandleCommandOptions<State, Command, E> {
  readonly inboxId: string;
  /** The error event to publish when the decider refuses the command (nothing fails silently). */
  readonly onRejected: (error: DomainError) => readonly OutboxMessage[];
}

/**
 * One consumed command message → one statement (`handleCommand`): either the decided events with their projections
 * and outbox rows, or — when a business rule refuses the command — the error event in the outbox.
 * Both record the message in the inbox, so a redelivery changes nothing. Infrastructure errors
 * propagate (the consumer nacks, retries, and eventually dead-letters).
 */
export async function runCommand<State, Command, E extends Event>(
  options: RunCommandOptions<State, Command, E>,
): Promise<CommandOutcome<State, E>> {
  try {
    const result = await handleCommand(options);
    return result.duplicate ? { outcome: 'duplicate' } : { outcome: 'applied', result };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const recorded = await recordRejection(options.store, options, options.onRejected(error));
    return recorded ? { outcome: 'rejected', error } : { outcome: 'duplicate' };
  }
}

/** A refused command's error event and inbox entry, in one statement; false when the message was already recorded. */
export async function recordRejection(
  store: PostgresEventStore,
  message: { readonly inboxId: string; readonly consumer?: string | undefined },
  errorEvents: readonly OutboxMessage[],
): Promise<boolean> {
  try {
    await store.commit({
      events: [],
      outbox: errorEvents,
      inbox: { messageId: message.inboxId, consumer: message.consumer },
    });
    return true;
  } catch (failure) {
    if (failure instanceof RetryableConflict) return false;
    throw failure;
  }
}
