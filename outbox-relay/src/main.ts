// Composition root of the outbox relay: config → Pulsar client → relay loops → HTTP → graceful shutdown.
import { messageIdToString, rawAvroSchema } from '@alpes/pulsar';
import { createPulsarAdmin } from '@alpes/infra/pulsarAdmin';
import { createLogger, createProcessPulsarClient, startTracing, watchParent } from '@alpes/service-kit';
import { createPool } from '@alpes/eventstore/postgres';
import { loadConfig } from './config.ts';
import { startRelay } from './relay.ts';
import { buildApp } from './app.ts';
import { catalogueSchemaResolver } from './catalogueSchemas.ts';
import { registerDeadLetterGauge } from './deadLetterGauge.ts';

const logger = createLogger({ name: 'outbox-relay' });
const log = (line: string, level: 'info' | 'warn' = 'info') => logger(level, line);
const tracing = await startTracing('outbox-relay');

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

if (config.pulsarAdminUrl) {
  // Broker deduplication makes a relay restart harmless: resent sequence ids are dropped by the broker.
  const admin = createPulsarAdmin(config.pulsarAdminUrl, { token: config.pulsarToken });
  for (const namespace of config.dedupNamespaces) {
    await admin
      .setDeduplication(namespace, true)
      .catch((error: Error) => log(`could not enable deduplication on ${namespace}: ${error.message}`));
  }
} else {
  log(`PULSAR_ADMIN_URL not set: make sure deduplication is enabled on ${config.dedupNamespaces.join(', ')}`);
}

// The relay's queries take milliseconds: one that waits 10 s is on a link that lost it (the pool destroys that
// connection and the step is retried), and every saga waits behind the relay meanwhile.
const pool = await createPool(config.databaseUrl, { queryTimeoutMs: 10_000 });
const client = createProcessPulsarClient(config, logger, { operationTimeoutMs: 30_000 });
const relay = startRelay({
  databaseUrl: config.databaseUrl,
  pool,
  client,
  namespace: config.namespace,
  schemas: config.schemas,
  log,
  resolveSchema: catalogueSchemaResolver,
  rawSchema: rawAvroSchema,
  batchSize: config.batchSize,
  pollIntervalMs: config.pollIntervalMs,
  retentionHours: config.retentionHours,
  standbyRetryMs: config.standbyRetryMs,
  stepTimeoutMs: config.stepTimeoutMs,
  // A connection that stopped answering cannot be told apart from a slow one from inside the process: exit
  // (non-zero, /health 503 meanwhile) so the supervisor starts a clean one; a standby takes the lead.
  onStalled: (reason) => {
    logger('error', `${reason}; exiting for the supervisor to restart the relay`);
    void shutdown('stalled', 1);
  },
  onPublished: ({ row, messageId }) =>
    logger('debug', 'published', {
      topic: row.topic,
      key: row.key,
      id_correlacion: row.properties['id_correlacion'],
      traceparent: row.properties['traceparent'],
      messageId: messageId ? messageIdToString(messageId) : 'duplicate',
    }),
});
if (config.pulsarAdminUrl) {
  registerDeadLetterGauge(
    relay.metrics.registry,
    createPulsarAdmin(config.pulsarAdminUrl, { token: config.pulsarToken }),
    config.namespace,
    log,
  );
}
const app = buildApp({ relay, schemas: config.schemas, broker: () => client.checkHealth(), logger: logger.pino });
await app.listen({ port: config.port, host: process.env['HOST'] ?? '127.0.0.1' });
log(`outbox relay for ${config.schemas.join(', ')}: metrics on http://127.0.0.1:${config.port}/metrics`);

const SHUTDOWN_TIMEOUT_MS = 15_000;
let stopping = false;
async function shutdown(signal: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: finishing the batch in flight …`);
  // Bounded: with PostgreSQL or the broker gone, a step could wait for its timeouts; the next leader resends
  // whatever was not marked, and the broker drops the copies.
  setTimeout(() => {
    log(`${signal}: shutdown did not finish within ${SHUTDOWN_TIMEOUT_MS} ms; exiting`);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  await app.close();
  await relay.stop();
  await client.close();
  await pool.end();
  await tracing.shutdown();
  log('stopped');
  process.exit(exitCode);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
watchParent((reason) => void shutdown(reason));
