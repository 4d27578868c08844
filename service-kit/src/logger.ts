import { maskEmail } from '@alpes/shared-kernel';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';

export type Level = 'debug' | 'info' | 'warn' | 'error';

/** What code logs through: `log('info', 'message', { topic })`. */
export interface Logger {
  (level: Level, message: string, fields?: Record<string, unknown>): void;
}

/**
 * The process's logger: a `Logger` whose `pino` goes to what takes a pino logger: Fastify (`loggerInstance`),
 * the Pulsar client. One per process (issue 18), so every line carries the process name and one level
 * setting governs them all.
 */
export interface ProcessLogger extends Logger {
  readonly pino: PinoLogger;
}

export interface LoggerOptions {
  /** The process name on every line (`influencers`, `outbox-relay` …). */
  readonly name?: string;
  readonly level?: Level;
  /** Coloured readable lines (pino-pretty) instead of JSON; default: LOG_FORMAT=pretty. */
  readonly pretty?: boolean;
  /** Where lines go (default stdout); tests pass a stream of their own. */
  readonly destination?: DestinationStream;
}

// Personal data never reaches a log line (ARCHITECTURE invariant 7): emails are masked wherever a known
// field carries one, names are removed. Paths are pino's (one wildcard level).
const EMAIL_PATHS = ['email', '*.email', 'data.email', 'body.email', 'record.data.email', 'req.body.email'];
const NAME_PATHS = ['nombre', '*.nombre', 'data.nombre', 'body.nombre'];

/** Accepts a level alone for the callers that only set the threshold. */
export function createLogger(options: LoggerOptions | Level = {}): ProcessLogger {
  const o: LoggerOptions = typeof options === 'string' ? { level: options } : options;
  const level = o.level ?? (process.env['LOG_LEVEL']?.toLowerCase() as Level | undefined) ?? 'info';
  const destination =
    o.destination ??
    ((o.pretty ?? process.env['LOG_FORMAT'] === 'pretty')
      ? pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' })
      : undefined);
  const root = pino(
    {
      level,
      base: { process: o.name ?? process.env['ALPES_PROCESS'] ?? 'alpes' },
      redact: { paths: [...EMAIL_PATHS, ...NAME_PATHS], censor: censor },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination({ sync: true }),
  );
  const log = ((lvl: Level, message: string, fields?: Record<string, unknown>) =>
    root[lvl](fields ?? {}, message)) as ProcessLogger;
  Object.defineProperty(log, 'pino', { value: root });
  return log;
}

function censor(value: unknown, path: string[]): unknown {
  const field = path[path.length - 1];
  if (field === 'email' && typeof value === 'string') return maskEmail(value);
  return '[masked]';
}
