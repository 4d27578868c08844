// Composition root of the BFF: config → pool → migrations → Pulsar client → app → listen; SIGTERM closes in reverse order.
import { createPool, migrate } from '@alpes/eventstore/postgres';
import { fullTopicName } from '@alpes/contracts';
import { createLogger, createProcessPulsarClient, createShutdown, failStartup, startTracing } from '@alpes/service-kit';
import { migrations } from './adapters/postgres/migrations.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

const SCHEMA = 'bff';

const log = createLogger({ name: 'bff' });
let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  failStartup('bff', error);
}

const shutdown = createShutdown(log);
// First created, last closed: the spans of the shutdown itself are exported too.
const tracing = await startTracing('bff');
shutdown.add('tracing', () => tracing.shutdown());
try {
  const pool = await createPool(config.databaseUrl, { schema: SCHEMA });
  shutdown.add('database pool', () => pool.end());
  await migrate(pool, { schema: SCHEMA, migrations });
  const pulsar = createProcessPulsarClient(config, log);
  shutdown.add('pulsar client', () => pulsar.close());
  const app = await buildApp({
    logger: log.pino,
    pulsar,
    pool,
    sagaUrl: config.sagaUrl,
    relayUrl: config.relayUrl,
    corsOrigins: config.corsOrigins,
    sendTimeoutMs: config.sendTimeoutMs,
    secret: config.secret,
    operatorToken: config.operatorToken,
    limits: config.limits,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
    stream: config.stream,
    log,
    topics: {
      commands: fullTopicName('eventos-crear-influencer', config.pulsarNamespace),
      stream: fullTopicName('eventos-saga', config.pulsarNamespace),
      contracts: fullTopicName('eventos-contratos', config.pulsarNamespace),
      contractErrors: fullTopicName('eventos-contratos-error', config.pulsarNamespace),
    },
  });
  shutdown.add('http server', () => app.close());
  await app.listen({ port: config.port, host: config.host });
  log('info', `bff listening on http://${config.host}:${config.port} (dashboard at /, stream at /stream)`, {
    pulsar: config.pulsarUrl,
    saga: config.sagaUrl,
    operators: config.operatorToken === undefined ? 'disabled (no BFF_OPERATOR_TOKEN)' : 'enabled',
  });
} catch (error) {
  failStartup('bff', error);
}
