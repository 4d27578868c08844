import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { DatabasePool } from 'slonik';
import { fullTopicName } from '@alpes/contracts';
import type { PulsarClient } from '@alpes/pulsar';
import { createLogger, createServiceApp } from '@alpes/service-kit';
import type { Logger } from '@alpes/service-kit';
import { registrarInfluencer } from './application/registrarInfluencer.ts';
import { createAccess } from './adapters/http/access.ts';
import { deadLettersRoute } from './adapters/http/deadLettersRoute.ts';
import { dashboardRoute } from './adapters/http/dashboardRoute.ts';
import { defaultLimits } from './adapters/http/edgeLimits.ts';
import type { EdgeLimits } from './adapters/http/edgeLimits.ts';
import { influencersRoute } from './adapters/http/influencersRoute.ts';
import { operatorRoute } from './adapters/http/operatorRoute.ts';
import { optionalHealth } from './adapters/http/optionalHealth.ts';
import { requestProblems } from './adapters/http/requestProblems.ts';
import { sagaServiceCheck, sagasRoute } from './adapters/http/sagasRoute.ts';
import { securityHeaders, staticSecurityHeaders } from './adapters/http/securityHeaders.ts';
import { createStreamShedding } from './adapters/http/streamShedding.ts';
import { createStreamAdmission } from './adapters/http/streamAdmission.ts';
import { STREAM_RETRY_AFTER_S, streamRoute } from './adapters/http/streamRoute.ts';
import type { StreamSettings } from './adapters/http/streamRoute.ts';
import { createPulsarCommandPublisher } from './adapters/messaging/pulsarCommandPublisher.ts';
import { createBffMetrics } from './adapters/metrics.ts';
import type { BffMetrics } from './adapters/metrics.ts';
import { createPostgresRegistrationLedger } from './adapters/postgres/postgresRegistrationLedger.ts';
import { createStaleResumes } from './adapters/stream/catchUp.ts';
import { createContractEventHub } from './adapters/stream/contractEventHub.ts';
import { createReaderSlots } from './adapters/stream/readerSlots.ts';
import { createSagaEventHub } from './adapters/stream/sagaEventHub.ts';
import type { CommandPublisher } from './application/ports.ts';

export interface AppDeps {
  /** Owned by the caller, who closes it after the app. */
  readonly pulsar: PulsarClient;
  /** A pool on the BFF's own schema, migrated (the registrations ledger); owned by the caller. */
  readonly pool: DatabasePool;
  /** Defaults: the catalogue's topics in public/default; tests use topics of their own. */
  readonly topics?: {
    readonly commands?: string;
    readonly stream?: string;
    readonly contracts?: string;
    readonly contractErrors?: string;
  };
  readonly sagaUrl: string;
  /** The outbox relay, whose `/metrics` holds the dead-letter depths for operators. */
  readonly relayUrl?: string;
  readonly corsOrigins: '*' | readonly string[];
  /** Longest wait for the broker's receipt of a registration before answering 503. */
  readonly sendTimeoutMs: number;
  /** Signs capability tokens and operator tickets. */
  readonly secret: string;
  readonly operatorToken?: string;
  readonly limits?: Partial<EdgeLimits>;
  readonly trustProxy?: number;
  readonly bodyLimit?: number;
  readonly stream?: Partial<StreamSettings> & { readonly bufferSize?: number };
  readonly publicDir?: string;
  readonly log?: Logger;
  /** The process's pino logger (`createLogger(…).pino`), for Fastify: 500s logged with their request id. */
  readonly logger?: FastifyBaseLogger;
  readonly now?: () => Date;
  readonly metrics?: BffMetrics;
}

export const defaultStream = {
  heartbeatMs: 15_000,
  maxBufferedBytes: 1024 * 1024,
  maxPending: 1000,
  retryMs: 2000,
  bufferSize: 1000,
} as const;
const defaultPublicDir = fileURLToPath(new URL('../public/', import.meta.url));

/** The BFF as a Fastify instance: no environment, no listen. Starts reading saga and contract events in the background. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const log = deps.log ?? createLogger();
  const metrics = deps.metrics ?? createBffMetrics();
  const bodyLimit = deps.bodyLimit ?? 64 * 1024;
  const limits = { ...defaultLimits, ...deps.limits };
  const { bufferSize, ...settings } = { ...defaultStream, ...deps.stream };
  const publisher = createPulsarCommandPublisher({
    client: deps.pulsar,
    topic: deps.topics?.commands ?? fullTopicName('eventos-crear-influencer'),
    sendTimeoutMs: deps.sendTimeoutMs,
  });
  const hub = createSagaEventHub({
    client: deps.pulsar,
    topic: deps.topics?.stream ?? fullTopicName('eventos-saga'),
    bufferSize,
    log,
  });
  const contracts = createContractEventHub({
    client: deps.pulsar,
    log,
    topics: {
      creados: deps.topics?.contracts ?? fullTopicName('eventos-contratos'),
      errores: deps.topics?.contractErrors ?? fullTopicName('eventos-contratos-error'),
    },
  });
  const admission = createStreamAdmission(limits);
  const headers = staticSecurityHeaders();
  const shed = createStreamShedding({
    admission,
    trustedHops: deps.trustProxy ?? 0,
    corsOrigins: deps.corsOrigins,
    securityHeaders: headers,
    retryAfterS: STREAM_RETRY_AFTER_S,
    onRefused: (cap) => metrics.sseRefused.inc({ cap }),
  });
  const app = await createServiceApp({
    service: 'bff',
    logger: deps.logger,
    preRouting: shed,
    checks: { broker: brokerCheck([hub, contracts], publisher) },
    registry: metrics.registry,
    mapDomainError: requestProblems(bodyLimit),
    bodyLimit,
    server: {
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Idle sockets of ordinary requests; a stream turns it off for itself (its heartbeats keep it alive).
      connectionTimeout: limits.requestTimeoutMs * 3,
      trustProxy: trustedHops(deps.trustProxy ?? 0),
    },
  });
  securityHeaders(app, headers);
  await app.register(cors, {
    origin: deps.corsOrigins === '*' ? '*' : [...deps.corsOrigins],
    methods: ['GET', 'POST'],
    exposedHeaders: ['Location', 'Retry-After'],
  });
  await app.register(rateLimit, { global: false, errorResponseBuilder: (_request, context) => tooMany(context.after) });
  optionalHealth(app, { saga: () => sagaServiceCheck(deps.sagaUrl) });
  const now = deps.now ?? (() => new Date());
  const access = createAccess({ secret: deps.secret, operatorToken: deps.operatorToken });
  const ledger = createPostgresRegistrationLedger(deps.pool);
  influencersRoute(app, {
    registrar: (body) => registrarInfluencer({ publisher, ledger, now, newId: randomUUID }, body),
    metrics,
    access,
    rateLimit:
      limits.registrationsPerWindow > 0
        ? { max: limits.registrationsPerWindow, timeWindow: limits.registrationWindowMs }
        : undefined,
  });
  const slots = createReaderSlots(limits.maxCatchUpReaders);
  streamRoute(app, {
    hub,
    contracts,
    settings,
    metrics,
    log,
    access,
    admission,
    slots,
    replayWindow: limits.replayWindow,
    replayWindowMs: limits.replayWindowMs,
    stale: createStaleResumes(),
  });
  sagasRoute(app, { sagaUrl: deps.sagaUrl, access });
  operatorRoute(app, { access });
  deadLettersRoute(app, { access, relayUrl: deps.relayUrl ?? 'http://127.0.0.1:9464' });
  await dashboardRoute(app, { publicDir: deps.publicDir ?? defaultPublicDir });
  app.addHook('onClose', async () => {
    await contracts.close();
    await hub.close();
    await publisher.close();
  });
  hub.start();
  contracts.start();
  return app;
}

/** @fastify/rate-limit throws what this returns; the problem+json error handler answers it (with Retry-After). */
function tooMany(after: string): Error & { statusCode: number; code: string } {
  return Object.assign(new Error(`too many registrations from this address; retry in ${after}`), {
    statusCode: 429,
    code: 'DEMASIADAS_SOLICITUDES',
  });
}

/** `request.ip` is the address the nearest `hops` proxies saw (Cloud Run's front end is one hop). */
function trustedHops(hops: number): false | ((address: string, hop: number) => boolean) {
  return hops === 0 ? false : (_address, hop) => hop < hops;
}

/** The broker is up when the saga and contract events are being read and a command could be published now. */
function brokerCheck(hubs: readonly { isReading(): boolean }[], publisher: CommandPublisher): () => Promise<void> {
  return async () => {
    if (!hubs.every((hub) => hub.isReading())) throw new Error('the saga or contract event readers are not connected');
    await publisher.ready();
  };
}
