// Composition root of the BFF: config → Pulsar client → app → listen; SIGTERM closes in reverse order.
import { fullTopicName } from '@alpes/contracts';
import { createPulsarClient } from '@alpes/pulsar';
import { createLogger, createShutdown, failStartup, startTracing } from '@alpes/service-kit';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

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
const pulsar = createPulsarClient({
  serviceUrl: config.pulsarUrl, token: config.pulsarToken, operationTimeoutMs: 10_000,
  logger: log.pino.child({ component: 'pulsar' }),
});
shutdown.add('pulsar client', () => pulsar.close());
try {
  const app = await buildApp({ logger: log.pino,
    pulsar, sagaUrl: config.sagaUrl, corsOrigins: config.corsOrigins, sendTimeoutMs: config.sendTimeoutMs,
    bodyLimit: config.bodyLimit, stream: config.stream, log,
    topics: {
      commands: fullTopicName('eventos-crear-influencer', config.pulsarNamespace),
      stream: fullTopicName('eventos-saga', config.pulsarNamespace),
    },
  });
  shutdown.add('http server', () => app.close());
  await app.listen({ port: config.port, host: config.host });
  log('info', `bff listening on http://${config.host}:${config.port} (dashboard at /, stream at /stream)`, { pulsar: config.pulsarUrl, saga: config.sagaUrl });
} catch (error) {
  failStartup('bff', error);
}
