// `npm run bench:relay`: outbox → Pulsar throughput and commit → delivery latency of the relay (a
// separate process, as deployed), next to the rate at which the same PostgreSQL commits the same
// outbox inserts with no relay running, measured in the same run.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bytesSchema, createPulsarClient } from '@alpes/pulsar';
import { createPool, createPostgresEventStore, migrate } from '@alpes/eventstore/postgres';
import { createPulsarAdmin, ensureDatabase, freePort, repoRoot, waitFor } from '@alpes/infra';
import { benchInfra, percentile, table } from '../../scripts/bench/benchInfra.ts';
import { createWriter } from './writer.ts';

const SCHEMA = 'bench';
const PHASE_MS = Number(process.env['BENCH_PHASE_MS'] ?? 15_000);

const infra = await benchInfra();
const databaseUrl = await ensureDatabase(infra.databaseUrl, `relay_bench_${Date.now()}`);
const pool = await createPool(databaseUrl);
await migrate(pool, { schema: SCHEMA });
const store = createPostgresEventStore({ pool, schema: SCHEMA });
const namespace = `public/bench-${Date.now()}`;
const admin = createPulsarAdmin(infra.pulsarAdminUrl);
await admin.createNamespace(namespace);
await admin.setDeduplication(namespace, true);
const topic = `persistent://${namespace}/relay-bench`;
const keysPerTransaction = Number(process.env['BENCH_KEYS_PER_TX'] ?? 1);
const writer = createWriter({ store, topic, keysPerTransaction });
console.log(`[bench] 10 rows per transaction over ${keysPerTransaction} key(s) (BENCH_KEYS_PER_TX), 4 writers`);

console.log(`[bench] phase 1: PostgreSQL commit rate of the outbox inserts, no relay (${PHASE_MS / 1000} s)`);
const baseline = await writer.saturate(PHASE_MS);
await pool.query(
  (await import('slonik')).sql.unsafe`truncate ${(await import('slonik')).sql.identifier([SCHEMA, 'outbox'])}`,
);

const client = createPulsarClient({ serviceUrl: infra.pulsarUrl });
const received = new Map<string, number>();
const consumer = await client.subscribe({
  topic,
  subscription: 'bench',
  type: 'Exclusive',
  initialPosition: 'Earliest',
  schema: bytesSchema(),
  receiverQueueSize: 5000,
  handler: async (message) => {
    received.set(Buffer.from(message.value).toString(), Date.now());
  },
});
const relayPort = await freePort();
const relay = spawn(process.execPath, [join(repoRoot, 'outbox-relay/src/main.ts')], {
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PULSAR_URL: infra.pulsarUrl,
    RELAY_SCHEMAS: SCHEMA,
    RELAY_PORT: String(relayPort),
    RELAY_BATCH_SIZE: '1000',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
process.on('exit', () => relay.kill('SIGKILL')); // never leave the relay behind, whatever ends this run
await waitFor({
  what: 'relay',
  timeoutMs: 30_000,
  probe: async () => (await fetch(`http://127.0.0.1:${relayPort}/health`)).ok,
});

const measure = async (label: string, run: () => Promise<{ rows: number; seconds: number }>) => {
  received.clear();
  writer.commits.clear();
  console.log(`[bench] ${label} (${PHASE_MS / 1000} s) …`);
  const written = await run();
  await waitFor({
    what: 'every row delivered',
    timeoutMs: 60_000,
    intervalMs: 50,
    probe: async () => received.size >= written.rows,
  });
  // Not Math.max(...values): at saturation there are more values than a call's arguments may be.
  const lastArrival = [...received.values()].reduce((a, b) => Math.max(a, b), 0);
  const firstCommit = [...writer.commits.values()].reduce((a, b) => Math.min(a, b), Infinity);
  const latencies = [...received.entries()]
    .map(([id, at]) => at - (writer.commits.get(id.split(':')[0] ?? '') ?? at))
    .sort((a, b) => a - b);
  return {
    label,
    rows: written.rows,
    offered: written.rows / written.seconds,
    delivered: received.size / ((lastArrival - firstCommit) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
};

const fixed = await measure('phase 2: fixed offered load, 1 000 events/s', () => writer.paced(1000, PHASE_MS));
const saturated = await measure('phase 3: saturation, writers as fast as they can', () => writer.saturate(PHASE_MS));

relay.kill('SIGTERM');
await consumer.close();
await client.close();
await pool.end();
await infra.stop();

const fmt = (n: number) => n.toFixed(0);
console.log(
  `\n${table(
    ['phase', 'events', 'offered events/s', 'relayed events/s', 'commit → consumer p50 (ms)', 'p99 (ms)'],
    [
      ['no relay: PostgreSQL commits (baseline)', baseline.rows, fmt(baseline.rows / baseline.seconds), '—', '—', '—'],
      ...[fixed, saturated].map((r) => [
        r.label.replace(/^phase \d: /, ''),
        r.rows,
        fmt(r.offered),
        fmt(r.delivered),
        fmt(r.p50),
        fmt(r.p99),
      ]),
    ],
  )}`,
);
const ratio = saturated.delivered / (baseline.rows / baseline.seconds);
console.log(`\nrelay at saturation / PostgreSQL commit rate without relay = ${ratio.toFixed(2)}`);
console.log(
  `targets: ≥ 5000 events/s sustained → ${saturated.delivered >= 5000 ? 'met' : 'NOT met'}; p99 ≤ 50 ms at 1000 events/s → ${fixed.p99 <= 50 ? 'met' : 'NOT met'}`,
);
process.exit(0);
