/** One dead-letter topic as the relay's `pulsar_dead_letter_messages` gauge reports it. */
export interface DeadLetterCount {
  readonly topic: string;
  readonly subscription: string;
  readonly original_topic: string;
  readonly depth: number;
}

const GAUGE = 'pulsar_dead_letter_messages';
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * The gauge's samples out of a Prometheus text exposition (format 0.0.4): one `name{labels} value` per line.
 * Only this one gauge is read, and prom-client writes it, so a line-by-line reading is enough.
 */
export function deadLetterCounts(exposition: string): DeadLetterCount[] {
  const counts: DeadLetterCount[] = [];
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${GAUGE}{`)) continue;
    const close = line.lastIndexOf('}');
    const labels = Object.fromEntries(
      [...line.slice(GAUGE.length + 1, close).matchAll(LABEL)].map(([, k, v]) => [k, unescape(v ?? '')]),
    );
    counts.push({
      topic: labels['topic'] ?? '',
      subscription: labels['subscription'] ?? '',
      original_topic: labels['original_topic'] ?? '',
      depth: Number(line.slice(close + 1).trim()),
    });
  }
  return counts;
}

/** Label values escape `\`, `"` and line feeds. */
function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_all, c: string) => (c === 'n' ? '\n' : c));
}
