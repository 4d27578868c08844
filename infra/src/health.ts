import { randomUUID } from 'node:crypto';
import { waitFor } from './waitFor.ts';

/** This run's id: every process the run starts gets `<name>:<run id>` as `ALPES_INSTANCE_ID`. */
const RUN_ID = randomUUID();

export function instanceIdFor(name: string): string {
  return `${name}:${RUN_ID}`;
}

/**
 * Probes a process's `/health`: `ours` when it answers 200 with the instance id we gave it, `down` when it
 * does not answer 200 (yet), and a sentence when another program answers on that port (a health check
 * answered by someone else must never count as ours).
 */
export async function probeHealth(url: string, instance: string): Promise<'ours' | 'down' | { other: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
  if (!response) return 'down';
  const body = (await response.json().catch(() => undefined)) as { instance?: unknown } | undefined;
  if (body?.instance === instance) return response.ok ? 'ours' : 'down';
  return {
    other: `${new URL(url).host} answers /health for another program (HTTP ${response.status}${typeof body?.instance === 'string' ? `, instance ${body.instance}` : ''}), not for the process this run started`,
  };
}

export interface HealthWait {
  readonly what: string;
  readonly url: string;
  readonly instance: string;
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** An explanation when waiting is pointless (the process exited). */
  readonly failFast?: () => string | undefined;
}

/** Resolves when `url` answers 200 for `instance`; fails at once when another program answers there. */
export async function waitForHealth(options: HealthWait): Promise<void> {
  let other: string | undefined;
  await waitFor({
    what: options.what,
    timeoutMs: options.timeoutMs,
    intervalMs: options.intervalMs,
    failFast: () => other ?? options.failFast?.(),
    probe: async () => {
      const answer = await probeHealth(options.url, options.instance);
      if (typeof answer === 'object') other = answer.other;
      return answer === 'ours';
    },
  });
}
