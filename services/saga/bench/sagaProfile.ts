// `npm run profile:saga`: where PostgreSQL's time goes per saga. Starts its own PostgreSQL (with
// pg_stat_statements) and broker, the whole system, warms it up for PROFILE_WARMUP_S (10), offers
// PROFILE_RATE registrations/s (25) for PROFILE_SECONDS (20), waits for the sagas to end, then prints the statements by total execution time,
// per completed saga, and the CPU per process during the load.
import pg from 'pg';
import { createPulsarAdmin, PROCESS_NAMES, startLocalInfra } from '@alpes/infra';
import { startSystem } from '@alpes/infra/system';
import { table } from '../../../scripts/bench/benchInfra.ts';
import { watchCompletions } from './completions.ts';
import { createMonitor, findProcess } from './procStats.ts';
import { runPhase } from './phase.ts';

const rate = Number(process.env['PROFILE_RATE'] ?? 25);
const seconds = Number(process.env['PROFILE_SECONDS'] ?? 20);
// The broker's JIT compiles for a minute or more after start: a longer warm-up measures its steady state.
const warmupSeconds = Number(process.env['PROFILE_WARMUP_S'] ?? 10);
const systemEnv = JSON.parse(process.env['BENCH_SYSTEM_ENV'] ?? '{}') as Record<string, string>;
const log = (line: string) => console.log(`[profile] ${line}`);

const infra = await startLocalInfra({
  profile: 'test',
  log: (line) => log(`[infra] ${line}`),
  env: {},
  postgresSettings: ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all'],
});
const system = await startSystem({
  databaseServerUrl: infra.databaseUrl,
  pulsarUrl: infra.pulsarUrl,
  pulsarAdminUrl: infra.pulsarAdminUrl,
  name: `saga_profile_${Date.now().toString(36)}`,
  env: { LOG_LEVEL: 'warn', ...systemEnv },
});
const runDir = `run-${process.pid}`;
const monitor = createMonitor(() => ({
  ...Object.fromEntries(PROCESS_NAMES.map((name) => [name, { pid: system.pid(name) }])),
  broker: { pid: findProcess('java', 'PulsarStandaloneStarter', runDir) },
  postgres: { pid: findProcess('postgres', `${runDir}/postgres/pgdata`), tree: true },
  'whole machine': { pid: undefined, machine: true },
}));
const completions = await watchCompletions(infra.pulsarUrl, system.settings.namespace);
const admin = new pg.Client({ connectionString: system.settings.databaseUrl });
await admin.connect();
await admin.query('create extension if not exists pg_stat_statements');

log(`warm-up: ${warmupSeconds} s at ${Math.min(rate, 20)} sagas/s`);
await runPhase({
  bffUrl: system.url('bff'),
  rate: Math.min(rate, 20),
  seconds: warmupSeconds,
  drainSeconds: 30,
  completions,
  monitor,
});
log('idle: 10 s with no load');
await new Promise((resolve) => setTimeout(resolve, 2000));
monitor.mark();
await new Promise((resolve) => setTimeout(resolve, 10_000));
// A process tree (PostgreSQL) loses the CPU time of backends that exit: never below 0.
const idle = Object.fromEntries(
  Object.entries(monitor.read()).map(([name, p]) => [name, { ...p, cpuPercent: Math.max(0, p.cpuPercent) }]),
);
await admin.query('select pg_stat_statements_reset()');
const sessions = async () =>
  Number((await admin.query<{ n: string }>('select sum(sessions)::text as n from pg_stat_database')).rows[0]?.n ?? 0);
// Rolled-back transactions: a statement that fails (a conflict on a unique index, mostly) rolls its own back.
const rollbacks = async () =>
  Number(
    (await admin.query<{ n: string }>('select sum(xact_rollback)::text as n from pg_stat_database')).rows[0]?.n ?? 0,
  );
const sessionsBefore = await sessions();
const rollbacksBefore = await rollbacks();
// Where messages queue up: every 5 s of the load, the subscriptions with a backlog.
const pulsarAdmin = createPulsarAdmin(infra.pulsarAdminUrl);
const topics = (await pulsarAdmin.listTopics(system.settings.namespace)).filter((t) => !t.includes('-DLQ'));
const inCounters = async () =>
  Object.fromEntries(
    await Promise.all(topics.map(async (t) => [t, (await pulsarAdmin.topicStats(t)).msgInCounter] as const)),
  );
const inBefore = await inCounters();
let sampling = true;
const backlogs = (async () => {
  for (let elapsed = 5; sampling; elapsed += 5) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const queued: string[] = [];
    for (const topic of topics) {
      const stats = await pulsarAdmin.topicStats(topic).catch(() => undefined);
      for (const [name, sub] of Object.entries(stats?.subscriptions ?? {}))
        if (sub.msgBacklog > 5) queued.push(`${topic.split('/').pop()}/${name} ${sub.msgBacklog}`);
    }
    log(`t=${elapsed} s backlog: ${queued.join(', ') || 'none'}`);
    const activity = await admin.query<{ what: string; n: number }>(`
      select coalesce(wait_event_type || ':' || wait_event, 'cpu') || ' ' || state as what, count(*)::int as n
      from pg_stat_activity where backend_type = 'client backend' and state <> 'idle' and pid <> pg_backend_pid() group by 1 order by 2 desc`);
    log(
      `t=${elapsed} s PostgreSQL sessions at work: ${activity.rows.map((r) => `${r.what} ×${r.n}`).join(', ') || 'none'}`,
    );
  }
})();
log(`profile: ${rate} sagas/s for ${seconds} s, then drain`);
const result = await runPhase({ bffUrl: system.url('bff'), rate, seconds, drainSeconds: 60, completions, monitor });
sampling = false;
await backlogs;
// The saga's own view: time per handled message, event-loop lag, garbage collection.
const sagaMetrics = await (await fetch(`${system.url('saga')}/metrics`)).text();
const interesting =
  /^(message_handling_seconds_(sum|count)|nodejs_eventloop_lag_(p50|p99|max)_seconds|nodejs_gc_duration_seconds_(sum|count)|nodejs_heap_size_used_bytes)/;
log(
  `saga /metrics:\n${sagaMetrics
    .split('\n')
    .filter((line) => interesting.test(line))
    .map((line) => `    ${line}`)
    .join('\n')}`,
);
const inAfter = await inCounters();
const sagas = result.accepted - result.incomplete;
const { rows } = await admin.query<{ query: string; calls: string; total_ms: number; mean_ms: number }>(`
  select regexp_replace(query, '\\s+', ' ', 'g') as query, calls::text, total_exec_time as total_ms, mean_exec_time as mean_ms
  from pg_stat_statements order by total_exec_time desc limit 25`);
const newSessions = (await sessions()) - sessionsBefore;
const rolledBack = (await rollbacks()) - rollbacksBefore;
const totals = await admin.query<{ total_ms: number; calls: string }>(
  'select sum(total_exec_time) as total_ms, sum(calls)::text as calls from pg_stat_statements',
);
await admin.end();
monitor.stop();
await completions.close();
await system.close();
await infra.stop();

const total = totals.rows[0];
console.log(
  `\n${sagas} sagas completed; ${result.completedPerSec.toFixed(1)}/s in the window; p50 ${result.p50} ms, p99 ${result.p99} ms`,
);
console.log(
  `PostgreSQL: ${Number(total?.calls ?? 0)} statements (${(Number(total?.calls ?? 0) / sagas).toFixed(1)} per saga), ` +
    `${(Number(total?.total_ms ?? 0) / sagas).toFixed(2)} ms of execution per saga; ${newSessions} new connections (sessions) and ${rolledBack} rolled-back transactions (failed statements) meanwhile\n`,
);
console.log(
  table(
    ['statement', 'calls/saga', 'ms/saga', 'mean ms'],
    rows.map((r) => [
      r.query.slice(0, 140).replace(/\|/g, '\\|'),
      (Number(r.calls) / sagas).toFixed(2),
      (r.total_ms / sagas).toFixed(3),
      r.mean_ms.toFixed(3),
    ]),
  ),
);
console.log(`\nMessages published per saga, by topic:\n`);
console.log(
  table(
    ['topic', 'messages/saga'],
    topics
      .map((t) => [t.split('/').pop() ?? t, ((Number(inAfter[t] ?? 0) - Number(inBefore[t] ?? 0)) / sagas).toFixed(2)])
      .filter(([, n]) => n !== '0.00'),
  ),
);
// Per completed saga: the CPU over the window divided by the sagas that completed in it (not the offered rate).
console.log(
  `\nCPU % of one core / peak RSS MB during the load (${result.completedPerSec.toFixed(1)} sagas/s completed):\n`,
);
console.log(
  table(
    ['process', 'CPU % idle', 'CPU % under load', 'CPU ms per completed saga (load − idle)', 'peak RSS MB'],
    Object.entries(result.processes).map(([name, p]) => [
      name,
      (idle[name]?.cpuPercent ?? 0).toFixed(0),
      p.cpuPercent.toFixed(0),
      ((((p.cpuPercent - (idle[name]?.cpuPercent ?? 0)) / 100) * 1000) / result.completedPerSec).toFixed(1),
      name === 'whole machine' ? '–' : p.peakRssMb.toFixed(0),
    ]),
  ),
);
process.exit(0);
