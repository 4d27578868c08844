export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  (level: Level, message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One readable line per entry: `time level message key=value …` (LOG_LEVEL sets the threshold). */
export function createLogger(threshold: Level = (process.env['LOG_LEVEL']?.toLowerCase() as Level | undefined) ?? 'info'): Logger {
  const min = ORDER[threshold] ?? ORDER.info;
  return (level, message, fields) => {
    if (ORDER[level] < min) return;
    const extra = fields ? Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ') : '';
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${extra ? ` ${extra}` : ''}`;
    (level === 'error' || level === 'warn' ? console.error : console.log)(line);
  };
}
