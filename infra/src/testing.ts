import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { createPulsarAdmin, type PulsarAdmin } from './pulsarAdmin.ts';
import { startPulsarStandalone, type PulsarInstance, type PulsarStandaloneOptions } from './pulsarStandalone.ts';
import { freePort } from './ports.ts';
import { dataRoot } from './paths.ts';

export interface TestInfra {
  readonly databaseUrl: string;
  readonly pulsarUrl: string;
  readonly pulsarAdminUrl: string;
}

/** The infrastructure the test runner started. Fails loudly when a test is run outside it. */
export function testInfra(): TestInfra {
  const missing = ['DATABASE_URL', 'PULSAR_URL', 'PULSAR_ADMIN_URL'].filter((key) => !process.env[key]);
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} not set: run tests through \`npm test\` (or \`npm test -- <file>\`), which starts PostgreSQL and Pulsar`,
    );
  }
  return {
    databaseUrl: process.env['DATABASE_URL'] as string,
    pulsarUrl: process.env['PULSAR_URL'] as string,
    pulsarAdminUrl: process.env['PULSAR_ADMIN_URL'] as string,
  };
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** A topic name nobody else uses: `persistent://<namespace>/<prefix>-<suffix>`. */
export function uniqueTopic(prefix: string, namespace = 'public/default'): string {
  return `persistent://${namespace}/${prefix}-${uniqueSuffix()}`;
}

export function testAdmin(): PulsarAdmin {
  return createPulsarAdmin(testInfra().pulsarAdminUrl);
}

/** A new namespace under `public`, e.g. to set policies (deduplication, schema strategy) in isolation. */
export async function freshNamespace(prefix: string): Promise<string> {
  const namespace = `public/${prefix}-${uniqueSuffix()}`;
  await testAdmin().createNamespace(namespace);
  return namespace;
}

/** A database of its own for one test file; `drop()` removes it. */
export async function freshDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = testInfra().databaseUrl;
  const database = `t_${name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${uniqueSuffix().replace(/-/g, '_')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${admin.escapeIdentifier(database)}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${database}`;
  const drop = async () => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`);
    await client.end();
  };
  return { url: url.toString(), drop };
}

/**
 * A broker of the test's own, for tests that kill or restart it (never kill the shared one).
 * Costs ~10 s and ~0.5 GiB; stop it at the end of the test.
 */
export async function startPulsarInstance(
  log: (line: string) => void = () => undefined,
  auth: Pick<PulsarStandaloneOptions, 'settings' | 'adminToken'> = {},
): Promise<PulsarInstance> {
  return startPulsarStandalone({
    ...auth,
    // Named after this process so a concurrent run's clean-up leaves it alone while it lives.
    dataDir: join(dataRoot, 'test', `run-${process.pid}-broker-${uniqueSuffix()}`),
    brokerPort: await freePort(),
    webPort: await freePort(),
    bookiePort: await freePort(),
    heap: '512m',
    log,
  });
}
