// `npm run test:chaos`: N registrations at a steady rate while every process of the system and the Pulsar
// broker are SIGKILLed and restarted at random (seeded) moments; then, once the system is quiet, a ledger of
// the databases and topics is checked against ARCHITECTURE §6. Exit code 0 only with zero violations.
// CHAOS_REGISTRATIONS (1000), CHAOS_KILLS (20), CHAOS_SEED (random, printed), CHAOS_RATE (registrations/s, 5),
// CHAOS_TIMEOUT_MIN (30), CHAOS_STEP_TIMEOUT_MS (the saga's step deadline, 15000), CHAOS_FAULTS (network
// faults, as many as kills). Flags: `--scaled` (two instances of every process), `--faults kill,network,postgres`.
import { join } from 'node:path';
import { PROCESS_NAMES, repoRoot, roleDatabaseUrl, startLocalInfra } from '@alpes/infra';
import { instanceNames, processOf, startSystem, type SystemUnderTest } from '@alpes/infra/system';
import { parseFlags } from './flags.ts';
import { footprint } from './footprint.ts';
import { followStream } from './sseFollower.ts';
import { holdTransaction, type HeldTransaction } from './heldTransaction.ts';
import { startNetwork, type FaultRecord, type Network } from './network.ts';
import { killPlan, runKiller, type KillRecord, type Killable } from './killer.ts';
import { checkLedger } from './ledger.ts';
import { plan, runLoad, type Outcome } from './load.ts';
import { waitForQuiescence } from './quiescence.ts';
import { report } from './report.ts';
import { createRng } from './rng.ts';

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, got ${process.env[name]}`);
  return value;
};
const registrations = int('CHAOS_REGISTRATIONS', 1000);
const kills = int('CHAOS_KILLS', 20);
const seed = int('CHAOS_SEED', Math.floor(Math.random() * 2 ** 31));
const rate = int('CHAOS_RATE', 5);
const timeoutMs = int('CHAOS_TIMEOUT_MIN', 30) * 60_000;
const stepTimeoutMs = int('CHAOS_STEP_TIMEOUT_MS', 15_000);
const faultCount = int('CHAOS_FAULTS', kills);
const flags = parseFlags(process.argv.slice(2));
const args = [
  ...(flags.scaled ? ['--scaled'] : []),
  ...(flags.secure ? ['--secure'] : []),
  `--faults ${[...flags.faults].join(',')}`,
].join(' ');
const command = `CHAOS_SEED=${seed} CHAOS_REGISTRATIONS=${registrations} CHAOS_KILLS=${kills} CHAOS_RATE=${rate} npm run test:chaos -- ${args}`;

const startedAt = Date.now();
const deadline = startedAt + timeoutMs;
const log = (line: string) =>
  console.log(`[chaos +${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}`);
log(
  `seed ${seed}: ${registrations} registrations at ${rate}/s, ${kills} kills, ${flags.faults.has('network') ? `${faultCount} network faults, ` : ''}${flags.scaled ? 'two instances of every process, ' : ''}${flags.secure ? 'secure mode, ' : ''}step deadline ${stepTimeoutMs} ms, timeout ${timeoutMs / 60_000} min`,
);
log(`replay with: ${command}`);

// Infrastructure of its own (never the shared broker): the env's DATABASE_URL / PULSAR_URL are ignored.
// PostgreSQL killed must lose no acknowledged commit: synchronous_commit back on (the test profile turns it off).
const infra = await startLocalInfra({
  profile: 'test',
  log: (line) => log(`[infra] ${line}`),
  env: {},
  secure: flags.secure,
  postgresSettings: flags.faults.has('postgres') ? ['synchronous_commit=on'] : [],
});
const broker = infra.pulsar;
const postgres = infra.postgres;
if (!broker || !postgres) throw new Error('the chaos run needs a broker and a PostgreSQL of its own to kill');
const instances = instanceNames(PROCESS_NAMES, flags.scaled ? 2 : 1);
let system: SystemUnderTest | undefined;
/** Processes that exited without being killed (a relay that stalled, a consumer that failed for good). */
const exits: string[] = [];
let network: Network | undefined;
const shutdown = async () => {
  await Promise.race([system?.close(), new Promise((resolve) => setTimeout(resolve, 30_000))]);
  await network?.stop();
  await infra.stop();
};
let stage = 'starting the system';
const watchdog = setTimeout(() => {
  log(`TIMEOUT after ${timeoutMs / 60_000} min while ${stage}; violations: the run did not finish`);
  void shutdown().finally(() => process.exit(2));
}, timeoutMs);
process.once('SIGINT', () => {
  void shutdown().finally(() => process.exit(130));
});

try {
  if (flags.faults.has('network')) {
    network = await startNetwork({
      postgresTcpUrl: postgres.url,
      brokerUrl: infra.pulsarUrl,
      instances,
      log: (line) => log(`[network] ${line}`),
    });
  }
  const routes = network;
  const logDir = join(
    repoRoot,
    '.cache',
    'chaos',
    `${seed}-${new Date(startedAt).toISOString().replace(/[:.]/g, '-')}`,
  );
  log(`every process's output: ${logDir}`);
  system = await startSystem({
    logDir,
    supervise: {
      onExit: (instance, code, signal) => {
        exits.push(`${instance} (${signal ?? `code ${code}`}) at +${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
        log(`${instance} exited by itself (${signal ?? `code ${code}`}); the supervisor restarts it`);
      },
    },
    databaseServerUrl: infra.databaseUrl,
    pulsarUrl: infra.pulsarUrl,
    pulsarAdminUrl: infra.pulsarAdminUrl,
    name: `chaos_${seed}_${Date.now().toString(36)}`,
    instances: flags.scaled ? 2 : 1,
    startAttempts: 3,
    envForInstance: (instance, settings) => {
      const routed = routes?.envFor(instance, new URL(settings.databaseUrl).pathname.slice(1));
      // Through its proxy, with its own role in secure mode.
      if (routed?.['DATABASE_URL'] && infra.secure)
        routed['DATABASE_URL'] = roleDatabaseUrl(routed['DATABASE_URL'], processOf(instance), infra.secure);
      return routed ?? {};
    },
    secure: infra.secure,
    env: {
      LOG_LEVEL: 'warn',
      SAGA_STEP_TIMEOUT_MS: String(stepTimeoutMs),
      SAGA_COMPENSATION_RETRY_MS: '2000',
      SAGA_COMPENSATION_RETRY_MAX_MS: '10000',
      CONSUMER_RETRY_DELAY_MS: '500',
    },
  });
  const sut = system;
  log(
    `system up (database ${new URL(sut.settings.databaseUrl).pathname.slice(1)}, namespace ${sut.settings.namespace})`,
  );
  const killable: Killable = {
    kill: (target) =>
      target === 'broker' ? broker.kill() : target === 'postgres' ? postgres.kill() : sut.stop(target, 'SIGKILL'),
    restart: (target) =>
      target === 'broker' ? broker.start() : target === 'postgres' ? postgres.start() : sut.start(target),
  };
  const rng = createRng(seed);
  const planned = plan(registrations, rng);
  const targets =
    flags.faults.has('kill') || flags.faults.has('postgres')
      ? killPlan(flags.faults.has('kill') ? kills : 0, rng, { instances, postgres: flags.faults.has('postgres') })
      : [];
  log(`kill plan: ${targets.join(', ')}`);
  const loadMs = (registrations / Math.max(rate, 0.001)) * 1000;
  stage = 'driving the load and the kills';
  const loadStarted = Date.now();
  const relayUrls = instances.filter((i) => i.startsWith('relay')).map((i) => sut.url(i));
  // A dashboard on each BFF, reconnecting with Last-Event-ID whenever its BFF is killed or cut off.
  const followers = instances.filter((i) => i.startsWith('bff')).map((i) => followStream(sut.url(i)));
  const [outcomes, killed, faults, held] = (await Promise.all([
    runLoad({
      bffUrls: instances.filter((i) => i.startsWith('bff')).map((i) => sut.url(i)),
      registrations: planned,
      ratePerSec: rate,
      attempts: 5,
      log,
    }),
    runKiller({ plan: targets, windowMs: loadMs, rng: createRng(seed ^ 0x5eed), system: killable, log }),
    network?.run({
      count: faultCount,
      windowMs: loadMs,
      rng: createRng(seed ^ 0xfa17),
      log: (line) => log(`[network] ${line}`),
    }) ?? [],
    flags.faults.has('network') || flags.faults.has('postgres')
      ? new Promise((resolve) => setTimeout(resolve, loadMs / 2)).then(() =>
          holdTransaction({ databaseUrl: sut.settings.databaseUrl, relayUrls, holdMs: 20_000, startedAt: loadStarted }),
        )
      : undefined,
  ])) as [Outcome[], KillRecord[], FaultRecord[], HeldTransaction | undefined];
  const loadEnded = Date.now();
  stage = 'waiting for quiescence';
  log(`load and kills done: ${outcomes.filter((o) => o.accepted).length} accepted; waiting for quiescence`);
  const settled = await waitForQuiescence({
    databaseUrl: sut.settings.databaseUrl,
    pulsarUrl: infra.pulsarUrl,
    pulsarAdminUrl: infra.pulsarAdminUrl,
    namespace: sut.settings.namespace,
    outcomes,
    deadline: deadline - 60_000,
    log,
    secure: infra.secure,
  });
  stage = 'checking the ledger';
  const followed = followers.map((f) => f.stop());
  const ledger = checkLedger(settled.db, outcomes, { endedBy: loadEnded + 3 * stepTimeoutMs, held, followed });
  const lines = report({
    command,
    seed,
    startedAt,
    loadMs: loadEnded - loadStarted,
    quiescenceMs: Date.now() - loadEnded,
    outcomes,
    kills: killed,
    settled,
    ledger,
    faults,
    held,
    followed,
  });
  for (const line of lines) console.log(line);
  const cost = await footprint(sut).catch(() => undefined);
  console.log(
    `own exits:      ${exits.length === 0 ? 'none' : `${exits.length} (restarted by the supervisor): ${exits.join(', ')}`}`,
  );
  if (cost)
    console.log(
      `footprint:      ${cost.backends} PostgreSQL backends of the system's database at the end; peak RSS MB per instance (since its last start): ${Object.entries(
        cost.peakRssMb,
      )
        .map(([i, mb]) => `${i} ${mb}`)
        .join(', ')}`,
    );
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
