import type { PulsarAdmin } from '@alpes/infra/pulsarAdmin';
import { listDeadLetters, type DeadLetterTopic } from '@alpes/dlq';
import { Gauge, type Registry } from 'prom-client';

const CACHE_MS = 5000;

/**
 * `pulsar_dead_letter_messages{topic,subscription,original_topic}`: messages waiting on each dead-letter topic
 * of the namespace (issue 18). The relay exports it because it is the one process that already talks to the
 * admin API; read on scrape, at most every 5 s, so frequent scrapes do not load the broker.
 */
export function registerDeadLetterGauge(
  registry: Registry,
  admin: PulsarAdmin,
  namespace: string,
  log: (line: string) => void,
): void {
  let cached: { at: number; topics: Promise<DeadLetterTopic[]> } | undefined;
  const topics = () => {
    if (!cached || Date.now() - cached.at > CACHE_MS)
      cached = { at: Date.now(), topics: listDeadLetters(admin, namespace) };
    return cached.topics;
  };
  new Gauge({
    name: 'pulsar_dead_letter_messages',
    help: 'Messages waiting on a dead-letter topic (list, show and replay them with npm run dlq)',
    labelNames: ['topic', 'subscription', 'original_topic'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const d of await topics())
          this.set({ topic: d.topic, subscription: d.subscription, original_topic: d.originalTopic }, d.depth);
      } catch (error) {
        cached = undefined;
        log(`dead-letter depth unavailable: ${(error as Error).message}`);
      }
    },
  });
}
