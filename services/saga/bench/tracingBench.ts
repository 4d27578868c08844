// `npm run bench:tracing`: what OpenTelemetry tracing costs the whole system. The same phases run twice in one
// run on one system: first without tracing (the baseline: OTEL_EXPORTER_OTLP_ENDPOINT unset), then with every
// process restarted with OTLP/HTTP export (protobuf, the SDK's default) to an in-process sink that answers
// 200 and counts what it receives. Prints CPU ms per completed saga and latency for both, and their ratio.
// BENCH_RATES (50,100), BENCH_PHASE_S (20), BENCH_DRAIN_S (40).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { PROCESS_NAMES, startLocalInfra } from '@alpes/infra';
import { instanceNames, startSystem } from '@alpes/infra/system';
import { table } from '../../../scripts/bench/benchInfra.ts';
import { watchCompletions } from './completions.ts';
import { createMonitor, findProcess } from './procStats.ts';
import { runPhase, type PhaseResult } from './phase.ts';

const rates = (process.env['BENCH_RATES'] ?? '50,100').split(',').map(Number);
const seconds = Number(process.env['BENCH_PHASE_S'] ?? 20);
const drainSeconds = Number(process.env['BENCH_DRAIN_S'] ?? 40);
const log = (line: string) => console.log(`[bench] ${line}`);

let exported = { requests: 0, bytes: 0 };
const sink = createServer((request, response) => {
  request.on('data', (chunk: Buffer) => {
    exported.bytes += chunk.length;
  });
  request.on('end', () => {
    exported.requests++;
    response.writeHead(200, { 'content-type': request.headers['content-type'] ?? 'application/x-protobuf' }).end();
  });
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

const infra = await startLocalInfra({ profile: 'test', log: (line) => log(`[infra] ${line}`), env: {} });
let tracing: Record<string, string> = {};
const system = await startSystem({
  databaseServerUrl: infra.databaseUrl,
  pulsarUrl: infra.pulsarUrl,
  pulsarAdminUrl: infra.pulsarAdminUrl,
  name: `tracing_bench_${Date.now().toString(36)}`,
  env: { LOG_LEVEL: 'warn' },
  envForInstance: () => tracing,
});
const runDir = `run-${process.pid}`;
const monitor = createMonitor(() => ({
  ...Object.fromEntries(PROCESS_NAMES.map((name) => [name, { pid: system.pid(name) }])),
  broker: { pid: findProcess('java', 'PulsarStandaloneStarter', runDir) },
  postgres: { pid: findProcess('postgres', `${runDir}/postgres/pgdata`), tree: true },
  'bench client': { pid: process.pid },
  'whole machine': { pid: undefined, machine: true },
}));
const completions = await watchCompletions(infra.pulsarUrl, system.settings.namespace);
const bff = system.url('bff');

async function sweep(label: string): Promise<{ results: PhaseResult[]; spans: typeof exported }> {
  log(`${label}: warm-up, 10 s at 10 sagas/s (not measured)`);
  await runPhase({ bffUrl: bff, rate: 10, seconds: 10, drainSeconds: 20, completions, monitor });
  exported = { requests: 0, bytes: 0 };
  const results: PhaseResult[] = [];
  for (const rate of rates) {
    log(`${label}: offered ${rate} sagas/s for ${seconds} s …`);
    results.push(await runPhase({ bffUrl: bff, rate, seconds, drainSeconds, completions, monitor }));
  }
  return { results, spans: { ...exported } };
}

const off = await sweep('tracing off');
log('restarting every process with OTEL_EXPORTER_OTLP_ENDPOINT set (spans to the in-process sink)');
tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint };
for (const name of instanceNames(PROCESS_NAMES)) {
  await system.stop(name, 'SIGTERM');
  await system.start(name);
}
const on = await sweep('tracing on');

monitor.stop();
await completions.close();
await system.close();
await infra.stop();
sink.close();

const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');
const machineCpu = (r: PhaseResult) =>
  (r.processes['whole machine']?.cpuPercent ?? Number.NaN) - (r.processes['bench client']?.cpuPercent ?? 0);
const perSaga = (r: PhaseResult) => (machineCpu(r) * 10) / r.completedPerSec;
console.log(
  `\nPhases of ${seconds} s, open loop, ${cpus().length} cores; CPU = the whole machine less the bench's client.\n`,
);
console.log(
  table(
    ['offered sagas/s', 'tracing', 'completed sagas/s', 'p50 ms', 'p99 ms', 'CPU ms per saga', 'ratio to off'],
    rates.flatMap((rate, i) => {
      const a = off.results[i];
      const b = on.results[i];
      if (!a || !b) return [];
      return [
        [rate, 'off', f(a.completedPerSec, 1), f(a.p50), f(a.p99), f(perSaga(a), 1), '1.00'],
        [rate, 'on', f(b.completedPerSec, 1), f(b.p50), f(b.p99), f(perSaga(b), 1), f(perSaga(b) / perSaga(a), 2)],
      ];
    }),
  ),
);
console.log(
  `\nspans exported while tracing was on: ${on.spans.requests} OTLP requests, ${(on.spans.bytes / 1024).toFixed(0)} KiB (off: ${off.spans.requests})`,
);
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
process.exit(0);
