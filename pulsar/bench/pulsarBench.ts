// `npm run bench:pulsar`: @alpes/pulsar next to Pulsar's own pulsar-perf (the official Java client), against the
// same broker in the same run: producer and consumer throughput of 1 KiB messages, and publish latency.
// A broker of its own is started unless PULSAR_URL and PULSAR_ADMIN_URL are given. BENCH_SECONDS sets the
// length of the throughput phases (default 20); BENCH_RATE the fixed rate of the latency phase (default 2000).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createPulsarAdmin, dataRoot, freePort, startPulsarStandalone } from '@alpes/infra';
import { benchClient, consumeBacklog, produceAtRate, produceMax } from './ourClient.ts';
import { loadPulsarPerf } from './pulsarPerf.ts';
import type { PhaseResult } from './stats.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const RATE = Number(process.env['BENCH_RATE'] ?? 2000);
const WINDOW = 1000;
/** pulsar-perf's -r 0 sends nothing (its rate limiter needs a positive rate): "unlimited" is 10 M msg/s. */
const UNLIMITED = 10_000_000;
const log = (line: string) => console.log(`[bench] ${line}`);

async function broker(): Promise<{ serviceUrl: string; adminUrl: string; stop: () => Promise<void> }> {
  const serviceUrl = process.env['PULSAR_URL'];
  const adminUrl = process.env['PULSAR_ADMIN_URL'];
  if (serviceUrl && adminUrl) {
    log(`using the broker at ${serviceUrl}`);
    return { serviceUrl, adminUrl, stop: async () => {} };
  }
  const dataDir = join(dataRoot, 'bench', `broker-${Date.now().toString(36)}`);
  log('starting a broker of its own …');
  const instance = await startPulsarStandalone({
    dataDir,
    brokerPort: await freePort(),
    webPort: await freePort(),
    bookiePort: await freePort(),
    heap: '1g',
    log,
  });
  return {
    ...instance,
    stop: async () => {
      await instance.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const b = await broker();
const admin = createPulsarAdmin(b.adminUrl);
const ns = `public/bench-${Date.now().toString(36)}`;
await admin.createNamespace(ns);
const topic = (name: string) => `persistent://${ns}/${name}`;
const perf = await loadPulsarPerf(b, log);
const client = benchClient(b.serviceUrl);
const rows: { what: string; java: PhaseResult; ours: PhaseResult }[] = [];

try {
  // Both consumers drain the same backlog, the one the Java producer wrote; two subscriptions keep it for both.
  await admin.createTopic(topic('java-max'));
  for (const sub of ['java', 'ours']) await admin.createSubscription(topic('java-max'), sub, 'earliest');

  log(`phase 1/6: pulsar-perf produce, max rate, ${WINDOW} in flight, ${SECONDS} s`);
  const javaMax = await perf.produce(topic('java-max'), { seconds: SECONDS, rate: UNLIMITED, window: WINDOW });
  log(`phase 2/6: ours produce, max rate, ${WINDOW} in flight, ${SECONDS} s`);
  const oursMax = await produceMax(client, topic('ours-max'), { seconds: SECONDS, window: WINDOW, log });
  rows.push({ what: 'produce, max', java: javaMax, ours: oursMax });

  const consumeSeconds = SECONDS; // a drained backlog is cut off by sustainedRate
  log(`phase 3/6: pulsar-perf consume the backlog, ≤ ${consumeSeconds} s`);
  const javaConsume = await perf.consume(topic('java-max'), { subscription: 'java', seconds: consumeSeconds });
  log(`phase 4/6: ours consume the same backlog, ≤ ${consumeSeconds} s`);
  const oursConsume = await consumeBacklog(client, topic('java-max'), {
    subscription: 'ours',
    seconds: consumeSeconds,
    log,
  });
  rows.push({ what: 'consume backlog', java: javaConsume, ours: oursConsume });

  const rateSeconds = Math.max(5, Math.round(SECONDS / 2));
  log(`phase 5/6: pulsar-perf produce at ${RATE} msg/s, ${rateSeconds} s`);
  const javaRate = await perf.produce(topic('java-rate'), { seconds: rateSeconds, rate: RATE, window: WINDOW });
  log(`phase 6/6: ours produce at ${RATE} msg/s, ${rateSeconds} s`);
  const oursRate = await produceAtRate(client, topic('ours-rate'), { seconds: rateSeconds, rate: RATE, log });
  rows.push({ what: `produce at ${RATE}/s`, java: javaRate, ours: oursRate });
} finally {
  await client.close();
  await b.stop();
}

const f = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));
console.log(
  `\n1 KiB messages, ${SECONDS} s throughput phases, ${WINDOW} sends in flight, batches ≤ 1000 msgs / 128 KiB / 1 ms\n`,
);
console.log('| phase | client | msg/s | MiB/s | p50 ms | p99 ms | ours ÷ Java |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const ratio = r.java.msgPerSec > 0 ? r.ours.msgPerSec / r.java.msgPerSec : Number.NaN;
  for (const [name, x] of [
    ['pulsar-perf (Java 4.0.7)', r.java],
    ['@alpes/pulsar', r.ours],
  ] as const) {
    console.log(
      `| ${r.what} | ${name} | ${f(x.msgPerSec)} | ${f(x.mibPerSec, 1)} | ${f(x.p50Ms, 2)} | ${f(x.p99Ms, 2)} | ${x === r.ours ? `${f(ratio, 2)}×` : ''} |`,
    );
  }
}
