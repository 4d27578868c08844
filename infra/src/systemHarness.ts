import { randomBytes } from 'node:crypto';
import { createPulsarAdmin } from './pulsarAdmin.ts';
import { ensureDatabase } from './localInfra.ts';
import { freePort } from './ports.ts';
import { instanceIdFor } from './health.ts';
import {
  PROCESS_NAMES, isRunning, spawnProcess, stopProcess, waitHealthy, type ProcessName, type SpawnedProcess, type SystemSettings,
} from './system.ts';

/** A process of the system, or its n-th instance (`bff#2`) when the system runs several of each. */
export type InstanceName = ProcessName | `${ProcessName}#${number}`;

export interface SystemUnderTest {
  readonly settings: SystemSettings;
  /** Every instance, in start order (the first instance of each process is named after the process). */
  readonly instances: readonly InstanceName[];
  url(name: InstanceName): string;
  /** SIGKILL (a crash) or SIGTERM one process. */
  stop(name: InstanceName, signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  start(name: InstanceName): Promise<void>;
  output(name: InstanceName): string;
  /** The OS pid of the process's current run (undefined when it was never started or is not running). */
  pid(name: InstanceName): number | undefined;
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
  /** More variables for one instance (for example its own route to the database through a fault proxy). */
  readonly envForInstance?: (name: InstanceName, settings: SystemSettings) => Record<string, string>;
  /** Processes to start (default all). */
  readonly only?: readonly ProcessName[];
  /** Instances of each process (default 1); the relays beyond the first stand by for its leadership. */
  readonly instances?: number;
  /**
   * Tries of each first start (default 1): a process that exits while starting is started again, as a supervisor
   * would (a loaded machine can make a first subscription time out).
   */
  readonly startAttempts?: number;
}

/** `count` instances of each process, in start order: `bff`, `bff#2` … */
export function instanceNames(names: readonly ProcessName[], count = 1): InstanceName[] {
  return names.flatMap((n) => Array.from({ length: count }, (_, i): InstanceName => (i === 0 ? n : `${n}#${i + 1}`)));
}

export function processOf(name: InstanceName): ProcessName {
  return name.split('#')[0] as ProcessName;
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
  const names = PROCESS_NAMES.filter((n) => !options.only || options.only.includes(n));
  const instances = instanceNames(names, options.instances);
  const ports = new Map<InstanceName, number>();
  for (const instance of instances) ports.set(instance, await freePort());
  const portOf = (name: InstanceName) => ports.get(name) ?? 0;
  const settings: SystemSettings = {
    databaseUrl, pulsarUrl: options.pulsarUrl, pulsarAdminUrl: options.pulsarAdminUrl, namespace,
    ports: Object.fromEntries(PROCESS_NAMES.map((n) => [n, portOf(n)])) as Record<ProcessName, number>,
    // The BFF's secrets are fresh per system and shared by its instances (tests read them from `settings.env`);
    // its per-address rate limit is off, since every test client posts from 127.0.0.1.
    env: {
      LOG_LEVEL: 'info', CONSUMER_RETRY_DELAY_MS: '200', BFF_RATE_LIMIT_MAX: '0',
      BFF_SECRET: randomBytes(32).toString('base64url'), BFF_OPERATOR_TOKEN: randomBytes(32).toString('base64url'), ...options.env,
    },
    envFor: options.envFor,
  };
  // An instance's own port and id; the others it talks to (the BFF's saga API) are the first instances.
  const settingsOf = (name: InstanceName): SystemSettings => {
    const base = processOf(name);
    const own = { ...settings.envFor?.[base], ALPES_INSTANCE_ID: instanceIdFor(name), ...options.envForInstance?.(name, settings) };
    return { ...settings, ports: { ...settings.ports, [base]: portOf(name) }, envFor: { ...settings.envFor, [base]: own } };
  };
  const running = new Map<InstanceName, SpawnedProcess>();
  const start = async (name: InstanceName) => {
    const proc = spawnProcess(processOf(name), settingsOf(name));
    running.set(name, proc);
    await waitHealthy(proc, settingsOf(name));
  };
  const firstStart = async (name: InstanceName) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await start(name);
      } catch (error) {
        if (attempt >= (options.startAttempts ?? 1)) throw error;
        const failed = running.get(name);
        if (failed) await stopProcess(failed, 'SIGKILL');
      }
    }
  };
  // Services first (they migrate their schemas), then the relays.
  await Promise.all(instances.filter((n) => processOf(n) !== 'relay').map(firstStart));
  for (const relay of instances.filter((n) => processOf(n) === 'relay')) await firstStart(relay);
  return {
    settings, instances,
    url: (name) => `http://127.0.0.1:${portOf(name)}`,
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
      for (const name of [...instances].reverse()) {
        const proc = running.get(name);
        if (proc && isRunning(proc)) await stopProcess(proc);
      }
    },
  };
}
