// `npm run profile:saga`: where PostgreSQL's time goes per saga. Starts its own PostgreSQL (with
// pg_stat_statements) and broker, the whole system, offers PROFILE_RATE registrations/s (25) for
// PROFILE_SECONDS (20), waits for the sagas to end, then prints the statements by total execution time,
// per completed saga, and the CPU per process during the load.
import pg from 'pg';
import { PROCESS_NAMES, startLocalInfra } from '@alpes/infra';
import { startSystem } from '@alpes/infra/system';
import { table } from '../../../scripts/bench/benchInfra.ts';
import { watchCompletions } from './completions.ts';
import { createMonitor, findProcess } from './procStats.ts';
import { runPhase } from './phase.ts';

const rate = Number(process.env['PROFILE_RATE'] ?? 25);
const seconds = Number(process.env['PROFILE_SECONDS'] ?? 20);
const systemEnv = JSON.parse(process.env['BENCH_SYSTEM_ENV'] ?? '{}') as Record<string, string>;
const log = (line: string) => console.log(`[profile] ${line}`);

const infra = await startLocalInfra({
  profile: 'test', log: (line) => log(`[infra] ${line}`), env: {},
  postgresSettings: ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all'],
});
const system = await startSystem({
  databaseServerUrl: infra.databaseUrl, pulsarUrl: infra.pulsarUrl, pulsarAdminUrl: infra.pulsarAdminUrl,
  name: `saga_profile_${Date.now().toString(36)}`, env: { LOG_LEVEL: 'warn', ...systemEnv },
});
const runDir = `run-${process.pid}`;
const monitor = createMonitor(() => ({
  ...Object.fromEntries(PROCESS_NAMES.map((name) => [name, { pid: system.pid(name) }])),
  broker: { pid: findProcess('java', 'PulsarStandaloneStarter', runDir) },
  postgres: { pid: findProcess('postgres', `${runDir}/postgres/pgdata`), tree: true },
}));
const completions = await watchCompletions(infra.pulsarUrl, system.settings.namespace);
const admin = new pg.Client({ connectionString: system.settings.databaseUrl });
await admin.connect();
await admin.query('create extension if not exists pg_stat_statements');

log(`warm-up: 10 s at 10 sagas/s`);
await runPhase({ bffUrl: system.url('bff'), rate: 10, seconds: 10, drainSeconds: 20, completions, monitor });
log('idle: 10 s with no load');
await new Promise((resolve) => setTimeout(resolve, 2000));
monitor.mark();
await new Promise((resolve) => setTimeout(resolve, 10_000));
// A process tree (PostgreSQL) loses the CPU time of backends that exit: never below 0.
const idle = Object.fromEntries(Object.entries(monitor.read()).map(([name, p]) => [name, { ...p, cpuPercent: Math.max(0, p.cpuPercent) }]));
await admin.query('select pg_stat_statements_reset()');
const sessions = async () => Number((await admin.query<{ n: string }>('select sum(sessions)::text as n from pg_stat_database')).rows[0]?.n ?? 0);
const sessionsBefore = await sessions();
log(`profile: ${rate} sagas/s for ${seconds} s, then drain`);
const result = await runPhase({ bffUrl: system.url('bff'), rate, seconds, drainSeconds: 60, completions, monitor });
const sagas = result.accepted - result.incomplete;
const { rows } = await admin.query<{ query: string; calls: string; total_ms: number; mean_ms: number }>(`
  select regexp_replace(query, '\\s+', ' ', 'g') as query, calls::text, total_exec_time as total_ms, mean_exec_time as mean_ms
  from pg_stat_statements order by total_exec_time desc limit 25`);
const newSessions = (await sessions()) - sessionsBefore;
const totals = await admin.query<{ total_ms: number; calls: string }>('select sum(total_exec_time) as total_ms, sum(calls)::text as calls from pg_stat_statements');
await admin.end();
monitor.stop();
await completions.close();
await system.close();
await infra.stop();

const total = totals.rows[0];
console.log(`\n${sagas} sagas completed; ${result.completedPerSec.toFixed(1)}/s in the window; p50 ${result.p50} ms, p99 ${result.p99} ms`);
console.log(`PostgreSQL: ${Number(total?.calls ?? 0)} statements (${(Number(total?.calls ?? 0) / sagas).toFixed(1)} per saga), ` +
  `${(Number(total?.total_ms ?? 0) / sagas).toFixed(2)} ms of execution per saga; ${newSessions} new connections (sessions) meanwhile\n`);
console.log(table(['statement', 'calls/saga', 'ms/saga', 'mean ms'], rows.map((r) => [
  r.query.slice(0, 140).replace(/\|/g, '\\|'), (Number(r.calls) / sagas).toFixed(2), (r.total_ms / sagas).toFixed(3), r.mean_ms.toFixed(3),
])));
console.log(`\nCPU % of one core / peak RSS MB during the load:\n`);
console.log(table(['process', 'CPU % idle', 'CPU % under load', 'CPU ms per saga (load − idle)', 'peak RSS MB'], Object.entries(result.processes).map(([name, p]) => [
  name, (idle[name]?.cpuPercent ?? 0).toFixed(0), p.cpuPercent.toFixed(0), (((p.cpuPercent - (idle[name]?.cpuPercent ?? 0)) / 100) * 1000 / rate).toFixed(1), p.peakRssMb.toFixed(0),
])));
process.exit(0);
