import { fileURLToPath } from 'node:url';
import cors from '@fastify/cors';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { fullTopicName } from '@alpes/contracts';
import type { PulsarClient } from '@alpes/pulsar';
import { createLogger, createServiceApp } from '@alpes/service-kit';
import type { Logger } from '@alpes/service-kit';
import { registrarInfluencer } from './application/registrarInfluencer.ts';
import { dashboardRoute } from './adapters/http/dashboardRoute.ts';
import { influencersRoute } from './adapters/http/influencersRoute.ts';
import { optionalHealth } from './adapters/http/optionalHealth.ts';
import { requestProblems } from './adapters/http/requestProblems.ts';
import { sagaServiceCheck, sagasRoute } from './adapters/http/sagasRoute.ts';
import { streamRoute } from './adapters/http/streamRoute.ts';
import type { StreamSettings } from './adapters/http/streamRoute.ts';
import { createPulsarCommandPublisher } from './adapters/messaging/pulsarCommandPublisher.ts';
import { createBffMetrics } from './adapters/metrics.ts';
import type { BffMetrics } from './adapters/metrics.ts';
import { createSagaEventHub } from './adapters/stream/sagaEventHub.ts';
import type { SagaEventHub } from './adapters/stream/sagaEventHub.ts';
import type { CommandPublisher } from './application/ports.ts';

export interface AppDeps {
  /** Owned by the caller, who closes it after the app. */
  readonly pulsar: PulsarClient;
  /** Defaults: `eventos-crear-influencer` and `eventos-saga`; tests use topics of their own. */
  readonly topics?: { readonly commands?: string; readonly stream?: string };
  readonly sagaUrl: string;
  readonly corsOrigins: '*' | readonly string[];
  /** Longest wait for the broker's receipt of a registration before answering 503. */
  readonly sendTimeoutMs: number;
  readonly bodyLimit?: number;
  readonly stream?: Partial<StreamSettings> & { readonly bufferSize?: number };
  readonly publicDir?: string;
  readonly log?: Logger;
  /** The process's pino logger (`createLogger(…).pino`), for Fastify: 500s logged with their request id. */
  readonly logger?: FastifyBaseLogger;
  readonly now?: () => Date;
  readonly metrics?: BffMetrics;
}

export const defaultStream = { heartbeatMs: 15_000, maxBufferedBytes: 1024 * 1024, maxPending: 1000, retryMs: 2000, bufferSize: 1000 } as const;
const defaultPublicDir = fileURLToPath(new URL('../public/', import.meta.url));

/** The BFF as a Fastify instance: no environment, no listen. Starts reading saga events in the background. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const log = deps.log ?? createLogger();
  const metrics = deps.metrics ?? createBffMetrics();
  const bodyLimit = deps.bodyLimit ?? 64 * 1024;
  const { bufferSize, ...settings } = { ...defaultStream, ...deps.stream };
  const publisher = createPulsarCommandPublisher({
    client: deps.pulsar, topic: deps.topics?.commands ?? fullTopicName('eventos-crear-influencer'), sendTimeoutMs: deps.sendTimeoutMs,
  });
  const hub = createSagaEventHub({ client: deps.pulsar, topic: deps.topics?.stream ?? fullTopicName('eventos-saga'), bufferSize, log });
  const app = await createServiceApp({
    service: 'bff', logger: deps.logger, checks: { broker: brokerCheck(hub, publisher) }, registry: metrics.registry, mapDomainError: requestProblems(bodyLimit), bodyLimit,
  });
  await app.register(cors, { origin: deps.corsOrigins === '*' ? '*' : [...deps.corsOrigins], methods: ['GET', 'POST'], exposedHeaders: ['Location'] });
  optionalHealth(app, { saga: () => sagaServiceCheck(deps.sagaUrl) });
  const now = deps.now ?? (() => new Date());
  influencersRoute(app, { registrar: (body) => registrarInfluencer({ publisher, now }, body), metrics });
  streamRoute(app, { hub, settings, metrics, log });
  sagasRoute(app, { sagaUrl: deps.sagaUrl });
  await dashboardRoute(app, { publicDir: deps.publicDir ?? defaultPublicDir });
  app.addHook('onClose', async () => {
    await hub.close();
    await publisher.close();
  });
  hub.start();
  return app;
}

/** The broker is up when the saga events are being read and a command could be published now. */
function brokerCheck(hub: SagaEventHub, publisher: CommandPublisher): () => Promise<void> {
  return async () => {
    if (!hub.isReading()) throw new Error('the saga event reader is not connected');
    await publisher.ready();
  };
}
