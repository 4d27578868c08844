import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { sagaIds } from '@alpes/contracts';
import { percentile } from '../../../scripts/bench/benchInfra.ts';
import type { Completions } from './completions.ts';
import type { createMonitor } from './procStats.ts';

export interface PhaseResult {
  readonly offered: number;
  readonly accepted: number;
  readonly refused: number;
  /** Completions per second inside the offered-load window, first WARMUP_MS left out. */
  readonly completedPerSec: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** Accepted sagas not completed when the drain ended (still running, or compensated). */
  readonly incomplete: number;
  readonly drainMs: number;
  readonly load1: number;
  readonly processes: Record<string, { cpuPercent: number; peakRssMb: number }>;
}

const WARMUP_MS = 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function registrationBody() {
  const id = randomUUID();
  return {
    id_influencer: id,
    nombre: 'Bench Influencer',
    email: `bench.${id}@gmail.com`,
    categorias: ['moda', 'belleza'],
  };
}

export async function post(bffUrl: string, body: object): Promise<boolean> {
  try {
    const response = await fetch(`${bffUrl}/influencers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    return response.status === 202;
  } catch {
    return false;
  }
}

export interface PhaseOptions {
  readonly bffUrl: string;
  readonly rate: number;
  readonly seconds: number;
  readonly drainSeconds: number;
  readonly completions: Completions;
  readonly monitor: ReturnType<typeof createMonitor>;
}

/** Open loop at `rate` sagas/s for `seconds`, then waits (≤ drainSeconds) for the sagas to complete. */
export async function runPhase(options: PhaseOptions): Promise<PhaseResult> {
  const { rate, seconds, completions } = options;
  const acceptedAt = new Map<string, number>();
  let refused = 0;
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  options.monitor.mark();
  const t0 = Date.now();
  for (let i = 0; i < total;) {
    const due = t0 + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    while (i < total && t0 + (i * 1000) / rate <= Date.now()) {
      const body = registrationBody();
      const saga = sagaIds.correlationId(body.id_influencer);
      pending.push(
        post(options.bffUrl, body).then((ok) => {
          if (ok) acceptedAt.set(saga, Date.now());
          else refused++;
        }),
      );
      i++;
    }
  }
  const windowEnd = Math.max(Date.now(), t0 + seconds * 1000);
  if (windowEnd > Date.now()) await sleep(windowEnd - Date.now());
  const processes = options.monitor.read();
  const load1 = loadavg()[0] ?? 0;
  await Promise.all(pending);
  const drainStart = Date.now();
  while (Date.now() - drainStart < options.drainSeconds * 1000) {
    if ([...acceptedAt.keys()].every((id) => completions.completed.has(id) || completions.otherEnds.has(id))) break;
    await sleep(200);
  }
  const drainMs = Date.now() - drainStart;
  let inWindow = 0;
  const latencies: number[] = [];
  for (const [saga, at] of acceptedAt) {
    const done = completions.completed.get(saga);
    if (done === undefined) continue;
    latencies.push(Math.max(0, done - at));
    if (done >= t0 + WARMUP_MS && done <= windowEnd) inWindow++;
  }
  latencies.sort((a, b) => a - b);
  return {
    offered: rate,
    accepted: acceptedAt.size,
    refused,
    completedPerSec: inWindow / ((windowEnd - t0 - WARMUP_MS) / 1000),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    incomplete: acceptedAt.size - latencies.length,
    drainMs,
    load1,
    processes,
  };
}
