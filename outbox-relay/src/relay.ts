import type { DatabasePool, OutboxRow } from '@alpes/eventstore/postgres';
import type { PulsarClient } from '@alpes/pulsar';
import { createRelayMetrics, type DatabaseReading, type RelayMetrics } from './metrics.ts';
import { createPublisher, type RawSchemaFactory, type SchemaResolver, type SentRow } from './publisher.ts';
import { createHorizonPulse, createSchemaRelay, withinMs } from './schemaRelay.ts';
import { backlog, horizonAgeSeconds } from './postgres/stats.ts';

const GAUGE_READ_TIMEOUT_MS = 2000;

/** The backlog of every schema and the horizon age, bounded in time (a scrape must not hang on a dead link). */
async function readDatabase(
  pool: DatabasePool,
  schemas: readonly string[],
  acknowledged: (schema: string) => OutboxRow | undefined,
  onError: (error: Error) => void,
): Promise<DatabaseReading | undefined> {
  const read = async (): Promise<DatabaseReading> => ({
    backlog: await Promise.all(
      schemas.map(async (schema) => [schema, await backlog(pool, schema, acknowledged(schema))] as const),
    ),
    horizonAgeSeconds: await horizonAgeSeconds(pool),
  });
  const reading = await withinMs(GAUGE_READ_TIMEOUT_MS, read).catch((error: Error) => error);
  if (reading === 'timed out') onError(new Error(`no answer within ${GAUGE_READ_TIMEOUT_MS} ms`));
  else if (reading instanceof Error) onError(reading);
  else return reading;
  return undefined;
}

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
  /** See `SchemaRelayOptions.stepTimeoutMs` (default 60 s: above a broker send's 30 s timeout and a query's). */
  readonly stepTimeoutMs?: number;
  /** A schema's relay stalled (a step outlived its timeout): the process should exit for its supervisor to restart it. */
  readonly onStalled?: (reason: string) => void;
  readonly log?: (line: string, level?: 'info' | 'warn') => void;
  /** Called for each row the broker confirmed (the relay's per-message debug line, with the row's saga id). */
  readonly onPublished?: (sent: SentRow) => void;
}

export interface Relay {
  readonly metrics: RelayMetrics;
  readonly pool: DatabasePool;
  /** Schemas this process currently leads. */
  leading(): string[];
  /** Why the relay stopped publishing a schema (a step outlived its timeout), if it did. */
  stalled(): string | undefined;
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
      client: options.client,
      schema,
      resolveSchema: options.resolveSchema,
      rawSchema: options.rawSchema,
      namespace: options.namespace,
      onPublished: options.onPublished,
    });
    const relay = createSchemaRelay({
      schema,
      pool,
      databaseUrl: options.databaseUrl,
      publisher,
      metrics,
      log,
      siblings,
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      retentionHours: options.retentionHours ?? 24,
      standbyRetryMs: options.standbyRetryMs ?? 1000,
      stepTimeoutMs: options.stepTimeoutMs ?? 60_000,
      onStalled: options.onStalled,
    });
    relay.start();
    return { schema, relay, publisher };
  });
  const acknowledged = (schema: string) => relays.find((r) => r.schema === schema)?.relay.acknowledgedUpTo();
  metrics.database.read = () =>
    readDatabase(pool, options.schemas, acknowledged, (error) => {
      metrics.errors.inc({ schema: '', kind: 'gauges' });
      log(`could not read the backlog gauges (${error.message})`, 'warn');
    });
  metrics.progress.ages = () => relays.map(({ schema, relay }) => [schema, relay.progressAgeSeconds()] as const);
  return {
    metrics,
    pool,
    leading: () => relays.filter((r) => r.relay.isLeader).map((r) => r.schema),
    stalled: () => relays.map((r) => r.relay.stalled()).find((reason) => reason !== undefined),
    stop: async () => {
      await Promise.all(relays.map((r) => r.relay.stop()));
      await Promise.all(relays.map((r) => r.publisher.close()));
    },
  };
}
