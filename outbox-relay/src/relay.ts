import type { DatabasePool } from '@alpes/eventstore/postgres';
import type { PulsarClient } from '@alpes/pulsar';
import { createRelayMetrics, type RelayMetrics } from './metrics.ts';
import { createPublisher, type RawSchemaFactory, type SchemaResolver, type SentRow } from './publisher.ts';
import { createHorizonPulse, createSchemaRelay } from './schemaRelay.ts';

export interface RelayOptions {
  readonly databaseUrl: string;
  readonly client: PulsarClient;
  readonly schemas: readonly string[];
  readonly resolveSchema: SchemaResolver;
  readonly rawSchema: RawSchemaFactory;
  readonly namespace?: string;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly retentionHours?: number;
  readonly standbyRetryMs?: number;
  readonly log?: (line: string) => void;
  /** Called for each row the broker confirmed (the relay's per-message debug line, with the row's saga id). */
  readonly onPublished?: (sent: SentRow) => void;
}

export interface Relay {
  readonly metrics: RelayMetrics;
  readonly pool: DatabasePool;
  /** Schemas this process currently leads. */
  leading(): string[];
  /** Finishes the batches in flight, gives up leadership, closes producers (the pool is the caller's). */
  stop(): Promise<void>;
}

/** Starts one relay loop per schema (each leads or stands by on its own). */
export function startRelay(options: RelayOptions & { readonly pool: DatabasePool }): Relay {
  const { pool } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const metrics = createRelayMetrics();
  const siblings = createHorizonPulse();
  const relays = options.schemas.map((schema) => {
    const publisher = createPublisher({
      client: options.client, schema, resolveSchema: options.resolveSchema, rawSchema: options.rawSchema, namespace: options.namespace,
      onPublished: options.onPublished,
    });
    const relay = createSchemaRelay({
      schema, pool, databaseUrl: options.databaseUrl, publisher, metrics, log, siblings,
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      retentionHours: options.retentionHours ?? 24,
      standbyRetryMs: options.standbyRetryMs ?? 1000,
    });
    relay.start();
    return { schema, relay, publisher };
  });
  return {
    metrics,
    pool,
    leading: () => relays.filter((r) => r.relay.isLeader).map((r) => r.schema),
    stop: async () => {
      await Promise.all(relays.map((r) => r.relay.stop()));
      await Promise.all(relays.map((r) => r.publisher.close()));
    },
  };
}
