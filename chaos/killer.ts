import { PROCESS_NAMES } from '@alpes/infra';
import type { InstanceName } from '@alpes/infra/system';
import type { Rng } from './rng.ts';

/** What the chaos run kills: every process (instance) of the system, the Pulsar broker, and PostgreSQL itself. */
export type Target = InstanceName | 'broker' | 'postgres';
const INFRA: readonly Target[] = ['broker', 'postgres'];

export interface Killable {
  kill(target: Target): Promise<void>;
  /** Resolves once the target is healthy again. */
  restart(target: Target): Promise<void>;
}

export interface PlanScope {
  /** The instances that may be killed (default: one of each process). */
  readonly instances?: readonly InstanceName[];
  /** PostgreSQL is killed too: at least once, about one kill in twelve. */
  readonly postgres?: boolean;
}

/**
 * `count` targets: the broker twice (once when fewer than 8 kills), PostgreSQL when in scope, every instance at
 * least once when room allows; never two infrastructure kills in a row (the system needs a moment with both).
 */
export function killPlan(count: number, rng: Rng, scope: PlanScope = {}): Target[] {
  const brokerKills = count >= 8 ? 2 : count >= 1 ? 1 : 0;
  const postgresKills = scope.postgres ? Math.max(1, Math.round(count / 12)) : 0;
  const others: readonly Target[] = scope.instances ?? PROCESS_NAMES;
  const plan: Target[] = [
    ...Array.from({ length: brokerKills }, () => 'broker' as const),
    ...Array.from({ length: postgresKills }, () => 'postgres' as const),
  ];
  for (const target of rng.shuffle(others)) if (plan.length < count) plan.push(target);
  while (plan.length < count) plan.push(rng.pick(others));
  for (let attempt = 0; attempt < 200; attempt++) {
    const shuffled = rng.shuffle(plan);
    if (!shuffled.some((t, i) => INFRA.includes(t) && INFRA.includes(shuffled[i + 1] as Target))) return shuffled;
  }
  return plan;
}

export interface KillerOptions {
  readonly plan: readonly Target[];
  /** The kills are spread over this window (ms), measured from the start. */
  readonly windowMs: number;
  readonly rng: Rng;
  readonly system: Killable;
  readonly log: (line: string) => void;
}

export interface KillRecord {
  readonly target: Target;
  readonly atMs: number;
  readonly downMs: number;
  readonly restartMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Time a kill keeps the target away (pause + restart): a first guess, then the mean of what was seen. */
function outageEstimate(records: readonly KillRecord[]) {
  return (target: Target): number => {
    const seen = records.filter((r) => r.target === target || (!INFRA.includes(r.target) && !INFRA.includes(target)));
    if (seen.length === 0) return target === 'broker' ? 30_000 : target === 'postgres' ? 10_000 : 6_000;
    return seen.reduce((sum, r) => sum + r.downMs, 0) / seen.length;
  };
}

/**
 * One kill at a time: wait a random while, SIGKILL, pause a random 0.5–4 s, restart and wait until healthy.
 * The waits are re-fitted before each kill so that the plan fits in the window (the load's duration).
 */
export async function runKiller(options: KillerOptions): Promise<KillRecord[]> {
  const started = Date.now();
  const records: KillRecord[] = [];
  for (const [i, target] of options.plan.entries()) {
    const remaining = options.plan.slice(i);
    const outage = remaining.reduce((sum, t) => sum + outageEstimate(records)(t), 0);
    const left = options.windowMs - (Date.now() - started);
    const meanGap = Math.max(500, (left - outage) / (remaining.length + 1));
    await sleep(options.rng.between(0.3, 1.7) * meanGap);
    const pause = options.rng.between(500, 4000);
    const atMs = Date.now() - started;
    options.log(
      `kill ${i + 1}/${options.plan.length}: SIGKILL ${target} at +${(atMs / 1000).toFixed(1)} s, restart in ${(pause / 1000).toFixed(1)} s`,
    );
    await options.system.kill(target);
    await sleep(pause);
    const restarting = Date.now();
    await restartUntilHealthy(target, options);
    const restartMs = Date.now() - restarting;
    records.push({ target, atMs, downMs: Date.now() - started - atMs, restartMs });
    options.log(`  ${target} healthy again after ${(restartMs / 1000).toFixed(1)} s`);
  }
  return records;
}

/** A restart can fail while the target's links are cut (network faults): retried for up to two minutes. */
const RESTART_PATIENCE_MS = 120_000;

async function restartUntilHealthy(target: Target, options: KillerOptions): Promise<void> {
  const giveUpAt = Date.now() + RESTART_PATIENCE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await options.system.restart(target);
      return;
    } catch (error) {
      if (Date.now() > giveUpAt) throw error;
      options.log(`  restart ${attempt} of ${target} failed (${(error as Error).message.split('\n')[0]}); again`);
      await options.system.kill(target).catch(() => undefined);
      await sleep(2000);
    }
  }
}
