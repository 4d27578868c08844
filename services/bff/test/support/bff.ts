// Starts a BFF in-process on a free port against the real broker, with topics of its own.
import type { FastifyInstance } from 'fastify';
import type { DatabasePool } from 'slonik';
import { createPulsarClient } from '@alpes/pulsar';
import type { PulsarClient } from '@alpes/pulsar';
import { createPool, migrate } from '@alpes/eventstore/postgres';
import { freshDatabase, testInfra, uniqueTopic } from '@alpes/infra/testing';
import { migrations } from '../../src/adapters/postgres/migrations.ts';
import { buildApp } from '../../src/app.ts';
import type { AppDeps } from '../../src/app.ts';

export interface TestBff {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly client: PulsarClient;
  readonly topics: {
    readonly commands: string;
    readonly stream: string;
    readonly contracts: string;
    readonly contractErrors: string;
  };
  /** The pool of its registrations ledger (a test may end it to take the database away). */
  readonly pool: DatabasePool;
  close(): Promise<void>;
}

/** The secrets every test BFF signs with (the tests mint tokens of their own to check refusals). */
export const TEST_SECRET = 'test-secret-'.padEnd(40, 'x');
export const TEST_OPERATOR_TOKEN = 'test-operator-'.padEnd(40, 'o');

export type TestBffOptions = Partial<Omit<AppDeps, 'pulsar' | 'topics' | 'pool'>> & {
  readonly topics?: Partial<TestBff['topics']>;
  readonly pulsarUrl?: string;
  /** Wait for /health to report the broker up (reader positioned at latest). Default true. */
  readonly waitUntilReading?: boolean;
};

const quiet = () => undefined;

export async function startBff(options: TestBffOptions = {}): Promise<TestBff> {
  const { topics: given, pulsarUrl, waitUntilReading, ...deps } = options;
  const topics = {
    commands: uniqueTopic('bff-crear-influencer'),
    stream: uniqueTopic('bff-eventos-saga'),
    contracts: uniqueTopic('bff-eventos-contratos'),
    contractErrors: uniqueTopic('bff-eventos-contratos-error'),
    ...given,
  };
  const client = createPulsarClient({ serviceUrl: pulsarUrl ?? testInfra().pulsarUrl, operationTimeoutMs: 10_000 });
  const database = await freshDatabase('bff');
  const pool = await createPool(database.url, { schema: 'bff' });
  await migrate(pool, { schema: 'bff', migrations });
  const app = await buildApp({
    pulsar: client,
    pool,
    topics,
    sagaUrl: 'http://127.0.0.1:9',
    corsOrigins: '*',
    sendTimeoutMs: 5000,
    log: quiet,
    secret: TEST_SECRET,
    operatorToken: TEST_OPERATOR_TOKEN,
    ...deps,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  if (waitUntilReading ?? true) await waitForBroker(app);
  return {
    app,
    url,
    client,
    topics,
    pool,
    close: async () => {
      await app.close();
      await client.close();
      await pool.end().catch(() => undefined);
      await database.drop();
    },
  };
}

async function waitForBroker(app: FastifyInstance): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const health = (await app.inject({ method: 'GET', url: '/health' })).json<{
      checks: { broker: { status: string; error?: string } };
    }>();
    if (health.checks.broker.status === 'up') return;
    if (Date.now() > deadline) throw new Error(`the BFF never reached the broker: ${health.checks.broker.error}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
