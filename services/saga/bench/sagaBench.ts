// `npm run bench:saga`: offered registrations/s → completed sagas/s and end-to-end latency (BFF 202 → the
// saga's `SagaCompletada` on `eventos-saga`, read by a non-durable reader), with CPU and peak RSS per process,
// for a sweep of offered loads up to saturation; then the baseline: the BFF's accept rate with the saga
// pipeline stopped. BENCH_RATES (10,25,50,100,150,200), BENCH_PHASE_S (20), BENCH_DRAIN_S (40).
import { cpus, loadavg, release, totalmem } from 'node:os';
import { spawnSync } from 'node:child_process';
import { PROCESS_NAMES, startLocalInfra } from '@alpes/infra';
import { startSystem } from '@alpes/infra/system';
import { table } from '../../../scripts/bench/benchInfra.ts';
import { watchCompletions } from './completions.ts';
import { createMonitor, findProcess } from './procStats.ts';
import { post, registrationBody, runPhase, type PhaseResult } from './phase.ts';

const rates = (process.env['BENCH_RATES'] ?? '10,25,50,100,150,200').split(',').map(Number);
const seconds = Number(process.env['BENCH_PHASE_S'] ?? 20);
const drainSeconds = Number(process.env['BENCH_DRAIN_S'] ?? 40);
const systemEnv = JSON.parse(process.env['BENCH_SYSTEM_ENV'] ?? '{}') as Record<string, string>;
const log = (line: string) => console.log(`[bench] ${line}`);

const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0] ?? '?';
const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${release()}, Node ${process.version}, ${java}`;
log(machine);

const infra = await startLocalInfra({ profile: 'test', log: (line) => log(`[infra] ${line}`), env: {} });
const system = await startSystem({
  databaseServerUrl: infra.databaseUrl,
  pulsarUrl: infra.pulsarUrl,
  pulsarAdminUrl: infra.pulsarAdminUrl,
  name: `saga_bench_${Date.now().toString(36)}`,
  env: { LOG_LEVEL: 'warn', ...systemEnv },
});
const runDir = `run-${process.pid}`;
const brokerPid = findProcess('java', 'PulsarStandaloneStarter', runDir);
const postgresPid = findProcess('postgres', `${runDir}/postgres/pgdata`);
const monitor = createMonitor(() => ({
  ...Object.fromEntries(PROCESS_NAMES.map((name) => [name, { pid: system.pid(name) }])),
  broker: { pid: brokerPid },
  postgres: { pid: postgresPid, tree: true },
  'bench client': { pid: process.pid },
  'whole machine': { pid: undefined, machine: true },
}));
const completions = await watchCompletions(infra.pulsarUrl, system.settings.namespace);
const bff = system.url('bff');

log('warm-up: 10 s at 10 sagas/s (not measured)');
await runPhase({ bffUrl: bff, rate: 10, seconds: 10, drainSeconds: 20, completions, monitor });
const results: PhaseResult[] = [];
for (const rate of rates) {
  log(`offered ${rate} sagas/s for ${seconds} s …`);
  const result = await runPhase({ bffUrl: bff, rate, seconds, drainSeconds, completions, monitor });
  results.push(result);
  log(
    `  accepted ${result.accepted} (refused ${result.refused}), completed ${result.completedPerSec.toFixed(1)}/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
      `not completed after ${(result.drainMs / 1000).toFixed(0)} s drain: ${result.incomplete}, load ${result.load1.toFixed(2)}`,
  );
  if (result.incomplete > 0) {
    log('  the backlog did not drain: saturated, sweep stops here');
    break;
  }
}

log('baseline: the BFF alone (influencers, campanas, contratos, saga, relay stopped), 64 concurrent clients, 10 s');
for (const name of ['relay', 'saga', 'influencers', 'campanas', 'contratos'] as const)
  await system.stop(name, 'SIGTERM');
monitor.mark();
const baselineEnd = Date.now() + 10_000;
let baselineAccepted = 0;
await Promise.all(
  Array.from({ length: 64 }, async () => {
    while (Date.now() < baselineEnd) if (await post(bff, registrationBody())) baselineAccepted++;
  }),
);
const bffRate = baselineAccepted / 10;
const baselineProcs = monitor.read();

monitor.stop();
await completions.close();
await system.close();
await infra.stop();

const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');
const names = ['bff', 'influencers', 'campanas', 'contratos', 'saga', 'relay', 'broker', 'postgres', 'bench client'];
console.log(
  `\nMachine: ${machine}\nPhases of ${seconds} s, open loop; latency = BFF 202 → SagaCompletada seen on eventos-saga.\n`,
);
// The whole machine's CPU (every process and the kernel, from /proc/stat), less the bench's own client, per
// saga completed in the window: what the system spends on one saga, nothing lost to exited processes.
const machineCpu = (r: PhaseResult) =>
  (r.processes['whole machine']?.cpuPercent ?? Number.NaN) - (r.processes['bench client']?.cpuPercent ?? 0);
console.log(
  table(
    [
      'offered sagas/s',
      'accepted',
      'completed sagas/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'not completed',
      'load avg 1 min',
      `system CPU % (of ${cpus().length * 100})`,
      'system CPU ms per completed saga',
    ],
    results.map((r) => [
      r.offered,
      r.accepted,
      f(r.completedPerSec, 1),
      f(r.p50),
      f(r.p95),
      f(r.p99),
      r.incomplete,
      f(r.load1, 2),
      f(machineCpu(r)),
      f((machineCpu(r) * 10) / r.completedPerSec, 1),
    ]),
  ),
);
console.log(`\nCPU % of one core / peak RSS MB per process, during each offered-load window:\n`);
console.log(
  table(
    ['offered sagas/s', ...names],
    [
      ...results.map((r) => [
        r.offered,
        ...names.map((n) =>
          r.processes[n] ? `${f(r.processes[n].cpuPercent)} % / ${f(r.processes[n].peakRssMb)}` : '–',
        ),
      ]),
      [
        'BFF alone (baseline)',
        ...names.map((n) =>
          baselineProcs[n] ? `${f(baselineProcs[n].cpuPercent)} % / ${f(baselineProcs[n].peakRssMb)}` : '–',
        ),
      ],
    ],
  ),
);
const best = Math.max(...results.map((r) => r.completedPerSec));
const at50 = results.find((r) => r.offered === 50);
const nodeRss = Math.max(...results.flatMap((r) => names.slice(0, 6).map((n) => r.processes[n]?.peakRssMb ?? 0)));
console.log(
  `\nbaseline: BFF accepts ${f(bffRate)} registrations/s with the pipeline stopped; best sustained completed sagas/s = ${f(best, 1)}; ratio ${f(best / bffRate, 2)}`,
);
console.log(
  `targets: ≥ 100 completed sagas/s → ${best >= 100 ? 'met' : 'NOT met'} (${f(best, 1)}); p99 ≤ 1 s at 50/s → ${at50 ? (at50.p99 <= 1000 ? 'met' : 'NOT met') : 'not measured'} (${at50 ? f(at50.p99) : '–'} ms); ` +
    `every Node process ≤ 150 MB RSS → ${nodeRss <= 150 ? 'met' : 'NOT met'} (max ${f(nodeRss)} MB)`,
);
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
process.exit(0);
