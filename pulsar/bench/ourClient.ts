import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { bytesSchema, createPulsarClient } from '../src/index.ts';
import type { PulsarClient } from '../src/index.ts';
import { fromRate, Latencies, MESSAGE_SIZE, sustainedRate } from './stats.ts';
import type { PhaseResult } from './stats.ts';

// The @alpes/pulsar side of the benchmark, run with the same settings as pulsar-perf: 1 KiB payloads, batches of
// up to 1000 messages / 128 KiB / 1 ms, at most `window` sends in flight, a 1000-message receiver queue.
const BATCHING = { maxDelayMs: 1, maxMessages: 1000, maxBytes: 128 * 1024 };
const WARMUP_MS = 1000;

export function benchClient(serviceUrl: string): PulsarClient {
  return createPulsarClient({ serviceUrl, operationTimeoutMs: 30_000 });
}

/** Counts events and samples the count every second (the same per-second samples pulsar-perf prints). */
function sampler(log: (line: string) => void, what: string) {
  let count = 0;
  let last = 0;
  const samples: number[] = [];
  const timer = setInterval(() => {
    samples.push(count - last);
    last = count;
    log(`ours ${what}: ${samples.at(-1)} msg/s`);
  }, 1000);
  return {
    hit: () => {
      count++;
    },
    stop: () => {
      clearInterval(timer);
      return { samples, count };
    },
  };
}

/** As many 1 KiB messages as the broker takes, `window` in flight, for `seconds`. */
export async function produceMax(
  client: PulsarClient,
  topic: string,
  opts: { seconds: number; window: number; log: (l: string) => void },
): Promise<PhaseResult> {
  const producer = await client.createProducer({ topic, schema: bytesSchema(), batching: BATCHING, sendTimeoutMs: 0 });
  const payload = randomBytes(MESSAGE_SIZE);
  const latencies = new Latencies();
  const counter = sampler(opts.log, 'produce');
  const started = performance.now();
  const end = started + opts.seconds * 1000;
  let inFlight = 0;
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const pump = (): void => {
    while (inFlight < opts.window && performance.now() < end) {
      inFlight++;
      const sentAt = performance.now();
      producer.send({ value: payload }).then(
        () => {
          const now = performance.now();
          if (sentAt - started > WARMUP_MS) latencies.add(now - sentAt);
          counter.hit();
          if (--inFlight === 0 && now >= end) finished();
          else if (inFlight < opts.window >> 1) pump();
        },
        (e: unknown) => {
          throw e;
        },
      );
    }
  };
  pump();
  await done;
  const { samples, count } = counter.stop();
  await producer.close();
  return fromRate(sustainedRate(samples), count, latencies.summary());
}

/** Publishes at a fixed `rate` (msg/s) for `seconds`; for latency at a load both clients sustain. */
export async function produceAtRate(
  client: PulsarClient,
  topic: string,
  opts: { seconds: number; rate: number; log: (l: string) => void },
): Promise<PhaseResult> {
  const producer = await client.createProducer({ topic, schema: bytesSchema(), batching: BATCHING, sendTimeoutMs: 0 });
  const payload = randomBytes(MESSAGE_SIZE);
  const latencies = new Latencies();
  const counter = sampler(opts.log, `produce at ${opts.rate} msg/s`);
  const started = performance.now();
  const sends: Promise<unknown>[] = [];
  let sent = 0;
  while (performance.now() - started < opts.seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * opts.rate);
    for (; sent < due; sent++) {
      const sentAt = performance.now();
      sends.push(
        producer.send({ value: payload }).then(() => {
          if (sentAt - started > WARMUP_MS) latencies.add(performance.now() - sentAt);
          counter.hit();
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(sends);
  const { samples, count } = counter.stop();
  await producer.close();
  return fromRate(sustainedRate(samples), count, latencies.summary());
}

/** Drains the backlog of `subscription` (acking each message), for at most `seconds`. */
export async function consumeBacklog(
  client: PulsarClient,
  topic: string,
  opts: { subscription: string; seconds: number; log: (l: string) => void },
): Promise<PhaseResult> {
  const consumer = await client.subscribe({
    topic,
    subscription: opts.subscription,
    schema: bytesSchema(),
    receiverQueueSize: 1000,
    initialPosition: 'Earliest',
  });
  const counter = sampler(opts.log, 'consume');
  const end = performance.now() + opts.seconds * 1000;
  while (performance.now() < end) {
    const m = await consumer.receive(2000).catch(() => undefined);
    if (!m) break;
    m.ack();
    counter.hit();
  }
  const { samples, count } = counter.stop();
  await consumer.close();
  return fromRate(sustainedRate(samples), count);
}
