import type { Logger } from './logger.ts';

/** What a command handler's outcome tells the log: applied (with its events), a duplicate, or refused. */
export type LoggedOutcome =
  | { readonly outcome: 'applied'; readonly events?: readonly unknown[] }
  | { readonly outcome: 'duplicate' }
  | { readonly outcome: 'rejected'; readonly error: { readonly code: string; readonly message: string } };

/**
 * One line per handled message: at debug when applied or a duplicate, at info when the domain refused the
 * command (its code and message). `what` names the command (`CrearContrato`), `fields` the message (topic,
 * inbox id, saga id …): the same line in every service.
 */
export function logOutcome(log: Logger, what: string, fields: Record<string, unknown>, result: LoggedOutcome): void {
  if (result.outcome === 'rejected') {
    log('info', `${what} refused`, { ...fields, code: result.error.code, error: result.error.message });
    return;
  }
  const events = result.outcome === 'applied' ? { events: result.events?.length ?? 0 } : {};
  log('debug', `${what} ${result.outcome}`, { ...fields, ...events });
}
