import { fullTopicName, subscriptionOf } from '@alpes/contracts';
import type { Consumer, PulsarClient } from '@alpes/pulsar';
import { logOutcome, messageContext, startConsumer, type Logger, type ServiceMetrics } from '@alpes/service-kit';
import { crearInfluencer } from '../../application/crearInfluencer.ts';
import { eliminarInfluencer } from '../../application/eliminarInfluencer.ts';
import { toCrearInfluencer } from './toCrearInfluencer.ts';
import { eliminarInfluencerCommand } from './toEliminarInfluencer.ts';
import type { InfluencerCommandRunner } from '../../application/ports.ts';

/** Physical topic of each consumed catalogue topic (tests use unique names; the catalogue fixes the schema). */
export interface ConsumerTopics {
  readonly crear: string;
  readonly eliminar: string;
}

export interface InfluencerConsumersOptions {
  readonly client: PulsarClient;
  readonly runner: InfluencerCommandRunner;
  readonly now: () => number;
  readonly log: Logger;
  readonly metrics?: ServiceMetrics;
  readonly topics?: Partial<ConsumerTopics>;
  readonly retryDelayMs?: number;
  readonly maxRedeliveries?: number;
  /** Messages handled at once per topic (default 1: strict per-key order). */
  readonly concurrency?: number;
}

/**
 * The two command consumers (Key_Shared, from Earliest): `CrearInfluencer` and the `EliminarInfluencer`
 * compensation. A handler that throws (undecodable or invalid message, database down) → redelivery, then DLQ.
 */
export async function startInfluencerConsumers(
  options: InfluencerConsumersOptions,
): Promise<readonly Consumer<unknown>[]> {
  const { client, log, metrics } = options;
  const deps = { runner: options.runner };
  const common = {
    client,
    log,
    consumed: metrics?.consumed,
    retryDelayMs: options.retryDelayMs,
    maxRedeliveries: options.maxRedeliveries,
    concurrency: options.concurrency,
    type: 'Key_Shared' as const,
  };
  const crearTopic = options.topics?.crear ?? fullTopicName('eventos-crear-influencer');
  const eliminarTopic = options.topics?.eliminar ?? fullTopicName('comandos-influencers-eliminacion');
  const crear = await startConsumer({
    ...common,
    topic: 'eventos-crear-influencer',
    topicName: crearTopic,
    subscription: subscriptionOf('influencers', 'eventos-crear-influencer'),
    handle: async (record, message) => {
      const stop = metrics?.handled.startTimer({ topic: 'eventos-crear-influencer' });
      const context = messageContext(record, message, { influencerId: record.data?.id, now: options.now() });
      logOutcome(
        log,
        'CrearInfluencer',
        { topic: crearTopic, inboxId: context.inboxId, id: record.data?.id },
        await crearInfluencer(deps, toCrearInfluencer(record, context.now), context),
      );
      stop?.();
    },
  });
  const eliminar = await startConsumer({
    ...common,
    topic: 'comandos-influencers-eliminacion',
    topicName: eliminarTopic,
    subscription: subscriptionOf('influencers', 'comandos-influencers-eliminacion'),
    handle: async (record, message) => {
      const stop = metrics?.handled.startTimer({ topic: 'comandos-influencers-eliminacion' });
      const context = messageContext(record, message, { influencerId: record.data?.influencer_id, now: options.now() });
      const fields = { topic: eliminarTopic, inboxId: context.inboxId, id: record.data?.influencer_id };
      logOutcome(
        log,
        'EliminarInfluencer',
        fields,
        await eliminarInfluencer(deps, eliminarInfluencerCommand(record.data, context.now), context),
      );
      stop?.();
    },
  });
  return [crear, eliminar] as unknown as readonly Consumer<unknown>[];
}
