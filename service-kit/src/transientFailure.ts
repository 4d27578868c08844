/**
 * Whether a handler failed because its database could not be reached — not because of the message. Such a
 * failure is retried where it happened rather than counted towards the message's dead-lettering: during a
 * PostgreSQL restart or a partition every message fails, and dead-lettering them all (a full scaled chaos run
 * dead-lettered five saga events while the saga's link to PostgreSQL was down) throws the sagas' progress away.
 */
export function isTransientInfrastructureFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (TRANSIENT_NAMES.has(e.name) || TRANSIENT_NAMES.has(e.constructor.name)) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || code.startsWith('08'))) return true;
    if (/^(Query read timeout|Connection terminated|timeout exceeded when trying to connect)/.test(e.message))
      return true;
  }
  return false;
}

/** slonik's errors for a connection that could not be made or was lost. */
const TRANSIENT_NAMES = new Set(['ConnectionError', 'BackendTerminatedError', 'BackendTerminatedUnexpectedlyError']);

/**
 * Socket errors, and PostgreSQL's SQLSTATEs for a server going away or not taking connections yet (class 08,
 * connection exception, is matched by its prefix): admin/crash shutdown, cannot connect now, too many connections.
 */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
