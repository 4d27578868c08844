import { Gauge, type Registry } from 'prom-client';
import type { HealthCheck } from './app.ts';
import type { Logger } from './logger.ts';

/** What the watch reads of a consumer (`@alpes/pulsar`'s Consumer has it). */
export interface WatchedConsumer {
  readonly topic: string;
  readonly subscription: string;
  readonly failure: Error | undefined;
}

export interface ConsumerWatchOptions {
  readonly log: Logger;
  readonly registry?: Registry;
  /** Called once, `graceMs` after the first consumer failed for good: the process should exit non-zero. */
  readonly onFailed: (error: Error) => void;
  readonly intervalMs?: number;
  /** Time between the failure and `onFailed`, while `/health` already answers 503 (default 2 s). */
  readonly graceMs?: number;
}

export interface ConsumerWatch {
  /** `/health`'s `consumers` check: rejects naming every consumer that failed for good. */
  readonly check: HealthCheck;
  stop(): void;
}

/**
 * A consumer that fails for good (authorization refused, incompatible schema, topic gone) receives nothing
 * more while the process looks alive (issue 18): the watch makes `/health` 503, sets `pulsar_consumer_up` to
 * 0 and, after a short grace, asks the process to exit non-zero so that its supervisor restarts it.
 */
export function watchConsumers(consumers: readonly WatchedConsumer[], options: ConsumerWatchOptions): ConsumerWatch {
  const failed = () => consumers.filter((c) => c.failure !== undefined);
  if (options.registry) {
    new Gauge({
      name: 'pulsar_consumer_up',
      help: '1 while the consumer receives, 0 once it failed for good',
      labelNames: ['topic', 'subscription'],
      registers: [options.registry],
      collect() {
        for (const c of consumers) this.set({ topic: c.topic, subscription: c.subscription }, c.failure ? 0 : 1);
      },
    });
  }
  let fired = false;
  let graceTimer: NodeJS.Timeout | undefined;
  const poll = setInterval(() => {
    const first = failed()[0];
    if (fired || !first?.failure) return;
    fired = true;
    options.log('error', 'a consumer failed for good; exiting so that the supervisor restarts the process', {
      topic: first.topic,
      subscription: first.subscription,
      err: first.failure,
    });
    const error = first.failure;
    graceTimer = setTimeout(() => options.onFailed(error), options.graceMs ?? 2000);
  }, options.intervalMs ?? 1000);
  poll.unref();
  return {
    check: async () => {
      const down = failed();
      if (down.length > 0)
        throw new Error(down.map((c) => `${c.subscription} on ${c.topic}: ${c.failure?.message}`).join('; '));
    },
    stop: () => {
      clearInterval(poll);
      clearTimeout(graceTimer);
    },
  };
}
