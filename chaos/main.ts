// `npm run test:chaos`: N registrations at a steady rate while every process of the system and the Pulsar
// broker are SIGKILLed and restarted at random (seeded) moments; then, once the system is quiet, a ledger of
// the databases and topics is checked against ARCHITECTURE §6. Exit code 0 only with zero violations.
// CHAOS_REGISTRATIONS (1000), CHAOS_KILLS (20), CHAOS_SEED (random, printed), CHAOS_RATE (registrations/s, 5),
// CHAOS_TIMEOUT_MIN (30), CHAOS_STEP_TIMEOUT_MS (the saga's step deadline, 15000).
import { startLocalInfra } from '@alpes/infra';
import { startSystem, type SystemUnderTest } from '@alpes/infra/system';
import { killPlan, runKiller, type KillRecord, type Killable } from './killer.ts';
import { checkLedger } from './ledger.ts';
import { plan, runLoad, type Outcome } from './load.ts';
import { waitForQuiescence } from './quiescence.ts';
import { report } from './report.ts';
import { createRng } from './rng.ts';

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${process.env[name]}`);
  return value;
};
const registrations = int('CHAOS_REGISTRATIONS', 1000);
const kills = int('CHAOS_KILLS', 20);
const seed = int('CHAOS_SEED', Math.floor(Math.random() * 2 ** 31));
const rate = int('CHAOS_RATE', 5);
const timeoutMs = int('CHAOS_TIMEOUT_MIN', 30) * 60_000;
const stepTimeoutMs = int('CHAOS_STEP_TIMEOUT_MS', 15_000);
const command = `CHAOS_SEED=${seed} CHAOS_REGISTRATIONS=${registrations} CHAOS_KILLS=${kills} CHAOS_RATE=${rate} npm run test:chaos`;

const startedAt = Date.now();
const deadline = startedAt + timeoutMs;
const log = (line: string) => console.log(`[chaos +${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}`);
log(`seed ${seed}: ${registrations} registrations at ${rate}/s, ${kills} kills, step deadline ${stepTimeoutMs} ms, timeout ${timeoutMs / 60_000} min`);
log(`replay with: ${command}`);

// Infrastructure of its own (never the shared broker): the env's DATABASE_URL / PULSAR_URL are ignored.
const infra = await startLocalInfra({ profile: 'test', log: (line) => log(`[infra] ${line}`), env: {} });
const broker = infra.pulsar;
if (!broker) throw new Error('the chaos run needs a broker of its own to kill');
let system: SystemUnderTest | undefined;
const shutdown = async () => {
  await Promise.race([system?.close(), new Promise((resolve) => setTimeout(resolve, 30_000))]);
  await infra.stop();
};
let stage = 'starting the system';
const watchdog = setTimeout(() => {
  log(`TIMEOUT after ${timeoutMs / 60_000} min while ${stage}; violations: the run did not finish`);
  void shutdown().finally(() => process.exit(2));
}, timeoutMs);
process.once('SIGINT', () => { void shutdown().finally(() => process.exit(130)); });

try {
  system = await startSystem({
    databaseServerUrl: infra.databaseUrl, pulsarUrl: infra.pulsarUrl, pulsarAdminUrl: infra.pulsarAdminUrl,
    name: `chaos_${seed}_${Date.now().toString(36)}`,
    env: {
      LOG_LEVEL: 'warn', SAGA_STEP_TIMEOUT_MS: String(stepTimeoutMs),
      SAGA_COMPENSATION_RETRY_MS: '2000', SAGA_COMPENSATION_RETRY_MAX_MS: '10000', CONSUMER_RETRY_DELAY_MS: '500',
    },
  });
  const sut = system;
  log(`system up (database ${new URL(sut.settings.databaseUrl).pathname.slice(1)}, namespace ${sut.settings.namespace})`);
  const killable: Killable = {
    kill: (target) => (target === 'broker' ? broker.kill() : sut.stop(target, 'SIGKILL')),
    restart: (target) => (target === 'broker' ? broker.start() : sut.start(target)),
  };
  const rng = createRng(seed);
  const planned = plan(registrations, rng);
  const targets = killPlan(kills, rng);
  log(`kill plan: ${targets.join(', ')}`);
  const loadMs = (registrations / Math.max(rate, 0.001)) * 1000;
  stage = 'driving the load and the kills';
  const loadStarted = Date.now();
  const [outcomes, killed] = await Promise.all([
    runLoad({ bffUrl: sut.url('bff'), registrations: planned, ratePerSec: rate, attempts: 5, log }),
    runKiller({ plan: targets, windowMs: loadMs, rng: createRng(seed ^ 0x5eed), system: killable, log }),
  ]) as [Outcome[], KillRecord[]];
  const loadEnded = Date.now();
  stage = 'waiting for quiescence';
  log(`load and kills done: ${outcomes.filter((o) => o.accepted).length} accepted; waiting for quiescence`);
  const settled = await waitForQuiescence({
    databaseUrl: sut.settings.databaseUrl, pulsarUrl: infra.pulsarUrl, pulsarAdminUrl: infra.pulsarAdminUrl,
    namespace: sut.settings.namespace, outcomes, deadline: deadline - 60_000, log,
  });
  stage = 'checking the ledger';
  const ledger = checkLedger(settled.db, outcomes);
  const lines = report({
    command, seed, startedAt, loadMs: loadEnded - loadStarted, quiescenceMs: Date.now() - loadEnded, outcomes, kills: killed, settled, ledger,
  });
  for (const line of lines) console.log(line);
  const failed = ledger.violationCount + settled.topics.undrained.length + settled.pending.length > 0;
  clearTimeout(watchdog);
  await shutdown();
  console.log(failed ? 'chaos: FAILED' : 'chaos: OK, zero violations');
  process.exit(failed ? 1 : 0);
} catch (error) {
  log(`chaos run aborted while ${stage}: ${(error as Error).stack ?? String(error)}`);
  clearTimeout(watchdog);
  await shutdown();
  process.exit(1);
}
