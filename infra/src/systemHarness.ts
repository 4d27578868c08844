import { randomBytes } from 'node:crypto';
import { createPulsarAdmin } from './pulsarAdmin.ts';
import { ensureDatabase } from './localInfra.ts';
import { freePort } from './ports.ts';
import {
  PROCESS_NAMES, isRunning, spawnProcess, stopProcess, waitHealthy, type ProcessName, type SpawnedProcess, type SystemSettings,
} from './system.ts';

export interface SystemUnderTest {
  readonly settings: SystemSettings;
  url(name: ProcessName): string;
  /** SIGKILL (a crash) or SIGTERM one process. */
  stop(name: ProcessName, signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  start(name: ProcessName): Promise<void>;
  output(name: ProcessName): string;
  /** The OS pid of the process's current run (undefined when it was never started or is not running). */
  pid(name: ProcessName): number | undefined;
  /** Stops everything (SIGTERM, in reverse order). */
  close(): Promise<void>;
}

export interface SystemOptions {
  /** URLs of the infrastructure the test runner started. */
  readonly databaseServerUrl: string;
  readonly pulsarUrl: string;
  readonly pulsarAdminUrl: string;
  /** Unique name for the database and the namespace. */
  readonly name: string;
  readonly env?: Record<string, string>;
  readonly envFor?: SystemSettings['envFor'];
  /** Processes to start (default all). */
  readonly only?: readonly ProcessName[];
}

/**
 * The whole system for a test: every service, the saga, the BFF and the relay as child processes on
 * free ports, in a database and a Pulsar namespace (deduplication on) of their own.
 */
export async function startSystem(options: SystemOptions): Promise<SystemUnderTest> {
  const databaseUrl = await ensureDatabase(options.databaseServerUrl, options.name.replace(/[^a-z0-9_]/gi, '_').toLowerCase());
  const namespace = `public/${options.name.replace(/[^a-z0-9-]/gi, '-').toLowerCase()}`;
  const admin = createPulsarAdmin(options.pulsarAdminUrl);
  await admin.createNamespace(namespace);
  await admin.setDeduplication(namespace, true);
  const ports = Object.fromEntries(await Promise.all(PROCESS_NAMES.map(async (n) => [n, await freePort()] as const))) as Record<ProcessName, number>;
  const settings: SystemSettings = {
    databaseUrl, pulsarUrl: options.pulsarUrl, pulsarAdminUrl: options.pulsarAdminUrl, namespace, ports,
    // The BFF's secrets are fresh per system (tests read them from `settings.env`); its per-address rate
    // limit is off, since every test client posts from 127.0.0.1.
    env: {
      LOG_LEVEL: 'info', CONSUMER_RETRY_DELAY_MS: '200', BFF_RATE_LIMIT_MAX: '0',
      BFF_SECRET: randomBytes(32).toString('base64url'), BFF_OPERATOR_TOKEN: randomBytes(32).toString('base64url'), ...options.env,
    },
    envFor: options.envFor,
  };
  const running = new Map<ProcessName, SpawnedProcess>();
  const start = async (name: ProcessName) => {
    const proc = spawnProcess(name, settings);
    running.set(name, proc);
    await waitHealthy(proc, settings);
  };
  const names = PROCESS_NAMES.filter((n) => !options.only || options.only.includes(n));
  // Services first (they migrate their schemas), then the relay.
  await Promise.all(names.filter((n) => n !== 'relay').map(start));
  if (names.includes('relay')) await start('relay');
  return {
    settings,
    url: (name) => `http://127.0.0.1:${ports[name]}`,
    start,
    stop: async (name, signal = 'SIGKILL') => {
      const proc = running.get(name);
      if (proc) await stopProcess(proc, signal);
    },
    output: (name) => running.get(name)?.output() ?? '',
    pid: (name) => {
      const proc = running.get(name);
      return proc && isRunning(proc) ? proc.child.pid : undefined;
    },
    close: async () => {
      for (const name of [...names].reverse()) {
        const proc = running.get(name);
        if (proc && isRunning(proc)) await stopProcess(proc);
      }
    },
  };
}
