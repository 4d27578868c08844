import { randomUUID } from 'node:crypto';
import { httpSchemas } from '@alpes/contracts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import swagger from '@fastify/swagger';
import { Counter, type Registry } from 'prom-client';
import formats from 'ajv-formats';
import { installNulGuard } from './nulGuard.ts';
import { supervisedInstance } from './parentWatch.ts';
import { traceRequests } from './httpTracing.ts';
import { frameworkProblem, installErrorHandler, type Problem } from './problem.ts';

// ajv-formats is CommonJS with a default export; Fastify wants the plugin function itself.
type AjvPlugin = NonNullable<NonNullable<FastifyServerOptions['ajv']>['plugins']>[number];
const addFormats = formats as unknown as AjvPlugin;

/** A dependency check for `/health`: resolves when up, rejects (with the reason) when down. */
export type HealthCheck = () => Promise<void>;

export interface ServiceAppOptions {
  readonly service: string;
  readonly version?: string;
  readonly description?: string;
  readonly checks: Readonly<Record<string, HealthCheck>>;
  readonly registry: Registry;
  /** Maps a domain error to its answer (409/422 …); the mapping lives in the adapter, never the domain. */
  readonly mapDomainError?: (error: unknown) => Problem | undefined;
  /** Largest accepted request body in bytes. */
  readonly bodyLimit?: number;
  /** The process's pino logger (`createLogger(…).pino`): request logs and 500s with their request id. */
  readonly logger?: FastifyBaseLogger;
  /** Timeouts and proxy trust of an edge process (the BFF: issue 16); the others keep Fastify's defaults. */
  readonly server?: Pick<
    FastifyServerOptions,
    'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout' | 'trustProxy'
  >;
  /**
   * Sees every request before Fastify does and may answer it itself (returns true): the BFF's load shedding
   * of `GET /stream` beyond its caps. Such answers skip Fastify's hooks (no request log, no `http_responses_total`).
   */
  readonly preRouting?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

const CHECK_TIMEOUT_MS = 3000;
const PROBLEM_SCHEMA_ID = 'problemDetails';

/** A route's error answer schema: `contracts/json/problemDetails.json`, registered once by `createServiceApp`. */
export const problemRef = { $ref: `${PROBLEM_SCHEMA_ID}#` } as const;

/**
 * The shell every service's `buildApp` starts from: strict validation (no coercion, no silent removal of
 * unknown fields, so bad input gets a 400), problem+json errors, `/health`, `/metrics`, `/docs/json`.
 * Routes are added by the caller inside `app.register` or after `await app.ready()` is not yet called.
 */
export async function createServiceApp(options: ServiceAppOptions): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // A request id unique across restarts and instances, named as the 500 answer names it (`request_id`).
    genReqId: () => randomUUID(),
    // Health probes and scrapes would drown the lines that matter; errors are logged with their request id.
    logController: new LogController({ requestIdLogLabel: 'request_id', disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    // Above every id's schema `maxLength` (≤ 255), so a long id gets the schema's 400 naming the field.
    routerOptions: { maxParamLength: 256 },
    frameworkErrors: frameworkProblem,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: true },
      plugins: [addFormats],
    },
    ...options.server,
    ...(options.preRouting ? { serverFactory: shedding(options.preRouting) } : {}),
  };
  const app: FastifyInstance = Fastify(serverOptions);
  // One problem+json schema for every service's error answers: the contract's (`problemRef` refers to it).
  app.addSchema({ ...httpSchemas.problemDetails, $id: PROBLEM_SCHEMA_ID });
  await app.register(swagger, {
    openapi: {
      info: { title: options.service, version: options.version ?? '1.0.0', description: options.description ?? '' },
    },
  });
  countResponses(app, options.registry);
  traceRequests(app);
  installErrorHandler(app, options.mapDomainError);
  installNulGuard(app);
  app.get('/docs/json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(options.registry.contentType);
    return options.registry.metrics();
  });
  const instance = supervisedInstance();
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness and dependencies',
        tags: ['ops'],
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const checks = await runChecks(options.checks);
      const up = Object.values(checks).every((c) => c.status === 'up');
      return reply
        .code(up ? 200 : 503)
        .send({ service: options.service, instance, status: up ? 'up' : 'down', checks });
    },
  );
  return app;
}

/** An HTTP server that lets `preRouting` answer a request before Fastify's handler. */
function shedding(
  preRouting: (req: IncomingMessage, res: ServerResponse) => boolean,
): NonNullable<FastifyServerOptions['serverFactory']> {
  return (handler, options) => {
    const server = createServer((req, res) => {
      if (!preRouting(req, res)) handler(req, res);
    });
    // Fastify sets its timeouts only on a server of its own making: the same three, here.
    const { keepAliveTimeout, requestTimeout, connectionTimeout } = options as Pick<
      FastifyServerOptions,
      'keepAliveTimeout' | 'requestTimeout' | 'connectionTimeout'
    >;
    if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout;
    if (requestTimeout !== undefined) server.requestTimeout = requestTimeout;
    if (connectionTimeout !== undefined) server.setTimeout(connectionTimeout);
    return server;
  };
}

interface CheckResult {
  readonly status: 'up' | 'down';
  readonly error?: string;
}

async function runChecks(checks: Readonly<Record<string, HealthCheck>>): Promise<Record<string, CheckResult>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), CHECK_TIMEOUT_MS);
        return [name, { status: 'up' } as CheckResult] as const;
      } catch (error) {
        return [name, { status: 'down', error: (error as Error).message } as CheckResult] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const healthSchema = {
  type: 'object',
  properties: {
    service: { type: 'string' },
    instance: { type: 'string' },
    status: { type: 'string', enum: ['up', 'down'] },
    checks: {
      type: 'object',
      additionalProperties: { type: 'object', properties: { status: { type: 'string' }, error: { type: 'string' } } },
    },
  },
} as const;

/** `http_responses_total{method,route,status_code}`: the 5xx-rate alert reads it (docker/alerts.yml). */
function countResponses(app: FastifyInstance, registry: Registry): void {
  const responses = new Counter({
    name: 'http_responses_total',
    help: 'HTTP answers by method, route and status code',
    labelNames: ['method', 'route', 'status_code'],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    responses.inc({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_code: String(reply.statusCode),
    });
  });
}
