import { join } from 'node:path';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import pg from 'pg';
import { canConnect, startEmbeddedPostgres, type PostgresInstance } from './postgres.ts';
import { startPulsarStandalone, type PulsarInstance } from './pulsarStandalone.ts';
import { createPulsarAdmin } from './pulsarAdmin.ts';
import { freePort, isListening } from './ports.ts';
import { dataRoot } from './paths.ts';
import { startContainerInfra } from './containers.ts';
import { isAlive } from './guardedSpawn.ts';
import { secureBrokerSettings, secureMaterial, type SecureMaterial } from './secure.ts';

export const DATABASE_NAME = 'alpespartners_dijs';

export interface LocalInfra {
  /** URL of the application database (`alpespartners_dijs` for dev, `postgres` for tests). */
  readonly databaseUrl: string;
  readonly pulsarUrl: string;
  readonly pulsarAdminUrl: string;
  /** Present when this process started the server (absent when an existing one was reused). */
  readonly postgres?: PostgresInstance;
  readonly pulsar?: PulsarInstance;
  /** Secure mode: the CA, tokens and passwords (the broker then takes TLS and tokens only). */
  readonly secure?: SecureMaterial;
  stop(): Promise<void>;
}

export interface LocalInfraOptions {
  /** `dev`: persistent data under .data/dev, the usual ports. `test`: fresh data and free ports per run. */
  readonly profile: 'dev' | 'test';
  readonly log: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  /** More settings for an embedded PostgreSQL (ignored when an existing server is used). */
  readonly postgresSettings?: readonly string[];
  /**
   * Secure mode (`npm start -- --secure`): an embedded broker with TLS, token authentication and authorization,
   * its CA, tokens and the database roles' passwords made once in `<data>/secure` (dev: `.data/secure`).
   */
  readonly secure?: boolean;
  /** Free ports for the embedded servers instead of their usual ones (dev profile; tests always take free ports). */
  readonly freePorts?: boolean;
}

/**
 * TEST_INFRA=containers starts the official images with testcontainers (needs a Docker engine).
 * Otherwise: reuses DATABASE_URL / PULSAR_URL + PULSAR_ADMIN_URL when reachable, else starts embedded servers. */
export async function startLocalInfra(options: LocalInfraOptions): Promise<LocalInfra> {
  const env = options.env ?? process.env;
  if (env['TEST_INFRA'] === 'containers') return startContainerInfra(options.log);
  // Secure mode keeps data of its own: a broker that ran open has topics nobody was granted.
  const root = options.profile === 'test' ? freshTestRoot() : join(dataRoot, options.secure ? 'secure' : 'dev');
  const secure = options.secure ? secureMaterial(join(root, 'credentials')) : undefined;
  const [postgres, pulsar] = await Promise.all([
    postgresFor(env, root, options),
    secure ? securePulsar(root, options, secure) : pulsarFor(env, root, options),
  ]);
  return {
    ...postgres,
    ...pulsar,
    secure,
    stop: async () => {
      await Promise.allSettled([pulsar.pulsar?.stop(), postgres.postgres?.stop()]);
      if (options.profile === 'test') rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * A data folder of this test run's own (`.data/test/run-<pid>`), so runs started side by side do not
 * share servers; folders of runs whose process is gone are removed first.
 */
function freshTestRoot(): string {
  const parent = join(dataRoot, 'test');
  mkdirSync(parent, { recursive: true });
  for (const name of readdirSync(parent)) {
    const pid = Number(/^run-(\d+)/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || !isAlive(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
  const root = join(parent, `run-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  return root;
}

async function postgresFor(env: NodeJS.ProcessEnv, root: string, options: LocalInfraOptions) {
  const given = env['DATABASE_URL'];
  if (given && (await canConnect(given))) {
    options.log(`using the PostgreSQL at DATABASE_URL`);
    return { databaseUrl: given };
  }
  if (given) options.log(`DATABASE_URL is set but not reachable; starting an embedded PostgreSQL instead`);
  const port = await choosePort(options.profile === 'dev' && !options.freePorts ? 5432 : 0);
  const postgres = await startEmbeddedPostgres({
    dataDir: join(root, 'postgres', 'pgdata'),
    port,
    fast: options.profile === 'test',
    settings: options.postgresSettings,
    log: options.log,
  });
  options.log(`PostgreSQL listening on 127.0.0.1:${port} (data in ${join(root, 'postgres')})`);
  // This machine's processes (the system, the tests) connect over the Unix-domain socket when there is one.
  const serverUrl = postgres.socketUrl ?? postgres.url;
  if (postgres.socketUrl) options.log(`PostgreSQL also on its Unix-domain socket: local processes connect through it`);
  const databaseUrl = options.profile === 'dev' ? await ensureDatabase(serverUrl, DATABASE_NAME) : serverUrl;
  return { databaseUrl, postgres };
}

async function pulsarFor(env: NodeJS.ProcessEnv, root: string, options: LocalInfraOptions) {
  const serviceUrl = env['PULSAR_URL'];
  const adminUrl = env['PULSAR_ADMIN_URL'];
  if (
    serviceUrl &&
    adminUrl &&
    (await createPulsarAdmin(adminUrl)
      .health()
      .then(
        () => true,
        () => false,
      ))
  ) {
    options.log(`using the Pulsar broker at PULSAR_URL / PULSAR_ADMIN_URL`);
    return { pulsarUrl: serviceUrl, pulsarAdminUrl: adminUrl };
  }
  if (serviceUrl || adminUrl)
    options.log(`PULSAR_URL / PULSAR_ADMIN_URL not both set and reachable; starting Pulsar standalone instead`);
  const dev = options.profile === 'dev' && !options.freePorts;
  const pulsar = await startPulsarStandalone({
    dataDir: join(root, 'pulsar'),
    brokerPort: await choosePort(dev ? 6650 : 0),
    webPort: await choosePort(dev ? 8080 : 0),
    bookiePort: await choosePort(dev ? 3181 : 0),
    log: options.log,
  });
  return { pulsarUrl: pulsar.serviceUrl, pulsarAdminUrl: pulsar.adminUrl, pulsar };
}

/** Always an embedded broker: one found at PULSAR_URL is not known to check tokens. */
async function securePulsar(root: string, options: LocalInfraOptions, material: SecureMaterial) {
  const dev = options.profile === 'dev' && !options.freePorts;
  const pulsar = await startPulsarStandalone({
    dataDir: join(root, 'pulsar'),
    brokerPort: await choosePort(0),
    webPort: await choosePort(0),
    bookiePort: await choosePort(dev ? 3181 : 0),
    settings: secureBrokerSettings(material, {
      broker: await choosePort(dev ? 6651 : 0),
      web: await choosePort(dev ? 8443 : 0),
    }),
    adminToken: material.adminToken,
    tlsCaFile: material.caFile,
    log: options.log,
  });
  return { pulsarUrl: pulsar.serviceUrl, pulsarAdminUrl: pulsar.adminUrl, pulsar };
}

/** The preferred port when free, else any free port (0 means any). */
async function choosePort(preferred: number): Promise<number> {
  if (preferred > 0 && !(await isListening(preferred))) return preferred;
  return freePort();
}

/** Creates the database if it does not exist and returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
