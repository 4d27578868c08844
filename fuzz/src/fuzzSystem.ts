import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@alpes/infra';
import { startSystem, type SystemUnderTest } from '@alpes/infra/system';
import { testInfra, uniqueSuffix } from '@alpes/infra/testing';

/** Runs per property: small inside `npm test`, large with `FUZZ_RUNS=5000`. */
export const fuzzRuns = (short: number): number => Number(process.env['FUZZ_RUNS'] ?? short);

/** `FUZZ_SEED` replays a run (fast-check prints the seed and path of every failure). */
export const fuzzSeed = (): { seed?: number } =>
  process.env['FUZZ_SEED'] ? { seed: Number(process.env['FUZZ_SEED']) } : {};

/** fast-check parameters for `fc.assert`. */
export const fuzzParameters = (numRuns: number) => ({ numRuns, includeErrorInReport: true, ...fuzzSeed() });

/** The whole system on a database and namespace of its own, with fast retries so poison is dead-lettered in seconds. */
export function startFuzzSystem(name: string): Promise<SystemUnderTest> {
  const infra = testInfra();
  return startSystem({
    databaseServerUrl: infra.databaseUrl,
    pulsarUrl: infra.pulsarUrl,
    pulsarAdminUrl: infra.pulsarAdminUrl,
    name: `${name}_${uniqueSuffix().replace(/-/g, '_')}`,
    env: {
      LOG_LEVEL: 'warn',
      CONSUMER_RETRY_DELAY_MS: '100',
      CONSUMER_MAX_REDELIVERIES: '2',
      SAGA_STEP_TIMEOUT_MS: '30000',
      SAGA_COMPENSATION_RETRY_MS: '1000',
      SAGA_COMPENSATION_RETRY_MAX_MS: '4000',
    },
  });
}

/** Polls `probe` until it returns true; fails with `what` and the last value seen. */
export async function eventually(
  what: string,
  probe: () => Promise<boolean | string>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: boolean | string = false;
  while (Date.now() < deadline) {
    last = await probe();
    if (last === true) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} not reached within ${timeoutMs} ms (last: ${String(last)})`);
}

/**
 * Prints a line of the run's report and appends it to `.cache/fuzz/<file>.log` (the test runner shows a
 * passing file's output only when it fails; long runs want their statistics kept).
 */
export function report(file: string, line: string): void {
  console.log(`  ${line}`);
  const folder = join(repoRoot, '.cache', 'fuzz');
  mkdirSync(folder, { recursive: true });
  appendFileSync(join(folder, `${file}.log`), `${new Date().toISOString()} ${line}\n`);
}
