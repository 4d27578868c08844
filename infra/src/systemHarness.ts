import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { ensureDatabase } from './localInfra.ts';
import { freePort } from './ports.ts';
import { instanceIdFor } from './health.ts';
import type { SecureMaterial } from './secure.ts';
import { prepareSystem } from './secureGrants.ts';
import {
  PROCESS_NAMES,
  isRunning,
  spawnProcess,
  stopProcess,
  waitHealthy,
  type ProcessName,
  type SpawnedProcess,
  type SystemSettings,
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
  /**
   * Restart a process that exits by itself (not through `stop`), a second later, as `npm start`'s supervisor
   * and Cloud Run do; `onExit` hears of each such exit.
   */
  readonly supervise?: { readonly onExit: (name: InstanceName, code: number | null, signal: string | null) => void };
  /** A folder where every instance's output is appended to `<instance>.log` (all its runs), for a post-mortem. */
  readonly logDir?: string;
  /**
   * Secure mode, against a broker started with it (`startLocalInfra({ secure: true })`): topic grants per role in
   * the system's namespace, a PostgreSQL role per process in its database, each process with its own credentials.
   */
  readonly secure?: SecureMaterial;
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
  const databaseUrl = await ensureDatabase(
    options.databaseServerUrl,
    options.name.replace(/[^a-z0-9_]/gi, '_').toLowerCase(),
  );
  const namespace = `public/${options.name.replace(/[^a-z0-9-]/gi, '-').toLowerCase()}`;
  await prepareSystem({ adminUrl: options.pulsarAdminUrl, namespace, databaseUrl, secure: options.secure });
  const names = PROCESS_NAMES.filter((n) => !options.only || options.only.includes(n));
  const instances = instanceNames(names, options.instances);
  const ports = new Map<InstanceName, number>();
  for (const instance of instances) ports.set(instance, await freePort());
  const portOf = (name: InstanceName) => ports.get(name) ?? 0;
  const settings: SystemSettings = {
    databaseUrl,
    pulsarUrl: options.pulsarUrl,
    pulsarAdminUrl: options.pulsarAdminUrl,
    namespace,
    ports: Object.fromEntries(PROCESS_NAMES.map((n) => [n, portOf(n)])) as Record<ProcessName, number>,
    // The BFF's secrets are fresh per system and shared by its instances (tests read them from `settings.env`);
    // its per-address rate limit is off, since every test client posts from 127.0.0.1.
    env: {
      LOG_LEVEL: 'info',
      CONSUMER_RETRY_DELAY_MS: '200',
      BFF_RATE_LIMIT_MAX: '0',
      BFF_SECRET: randomBytes(32).toString('base64url'),
      BFF_OPERATOR_TOKEN: randomBytes(32).toString('base64url'),
      ...options.env,
    },
    envFor: options.envFor,
    secure: options.secure,
  };
  // An instance's own port and id; the others it talks to (the BFF's saga API) are the first instances.
  const settingsOf = (name: InstanceName): SystemSettings => {
    const base = processOf(name);
    const own = {
      ...settings.envFor?.[base],
      ALPES_INSTANCE_ID: instanceIdFor(name),
      ...options.envForInstance?.(name, settings),
    };
    return {
      ...settings,
      ports: { ...settings.ports, [base]: portOf(name) },
      envFor: { ...settings.envFor, [base]: own },
    };
  };
  const running = new Map<InstanceName, SpawnedProcess>();
  const logs = new Map<InstanceName, WriteStream>();
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });
  const logTo = (name: InstanceName) => {
    if (!options.logDir) return undefined;
    const file =
      logs.get(name) ?? createWriteStream(join(options.logDir, `${name.replace('#', '-')}.log`), { flags: 'a' });
    logs.set(name, file);
    file.write(`--- ${new Date().toISOString()} start\n`);
    return (line: string) => file.write(`${line}\n`);
  };
  /** Instances being stopped on purpose (no restart), and whether the whole system is closing. */
  const stopping = new Set<InstanceName>();
  let closing = false;
  /** From the end of the first start on (before it, a process that exits is the first start's to retry). */
  let supervising = false;
  /** Runs that failed to start and were killed by the harness itself. */
  const discarded = new WeakSet<SpawnedProcess>();
  const discard = async (proc: SpawnedProcess | undefined) => {
    if (!proc) return;
    discarded.add(proc);
    await stopProcess(proc, 'SIGKILL');
  };
  const start = async (name: InstanceName) => {
    stopping.delete(name);
    const proc = spawnProcess(processOf(name), settingsOf(name), logTo(name));
    running.set(name, proc);
    await waitHealthy(proc, settingsOf(name));
    // Supervised once healthy: an exit before that is the starter's to retry (a killer's restart, a first start).
    if (options.supervise) {
      const { onExit } = options.supervise;
      const exited = (code: number | null, signal: string | null) => {
        if (!supervising || closing || stopping.has(name) || discarded.has(proc) || running.get(name) !== proc) return;
        onExit(name, code, signal);
        setTimeout(() => {
          if (!closing && !stopping.has(name)) void restartUntilHealthy(name);
        }, 1000);
      };
      if (isRunning(proc)) proc.child.once('exit', exited);
      else exited(proc.child.exitCode, proc.child.signalCode);
    }
  };
  const restartUntilHealthy = async (name: InstanceName): Promise<void> => {
    for (let attempt = 1; attempt <= 10 && !closing && !stopping.has(name); attempt++) {
      try {
        return await start(name);
      } catch {
        await discard(running.get(name));
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  const firstStart = async (name: InstanceName) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await start(name);
      } catch (error) {
        if (attempt >= (options.startAttempts ?? 1)) throw error;
        await discard(running.get(name));
      }
    }
  };
  // Services first (they migrate their schemas), then the relays.
  await Promise.all(instances.filter((n) => processOf(n) !== 'relay').map(firstStart));
  for (const relay of instances.filter((n) => processOf(n) === 'relay')) await firstStart(relay);
  supervising = true;
  return {
    settings,
    instances,
    url: (name) => `http://127.0.0.1:${portOf(name)}`,
    start,
    stop: async (name, signal = 'SIGKILL') => {
      stopping.add(name);
      const proc = running.get(name);
      if (proc) await stopProcess(proc, signal);
    },
    output: (name) => running.get(name)?.output() ?? '',
    pid: (name) => {
      const proc = running.get(name);
      return proc && isRunning(proc) ? proc.child.pid : undefined;
    },
    close: async () => {
      closing = true;
      for (const name of [...instances].reverse()) {
        const proc = running.get(name);
        if (proc && isRunning(proc)) await stopProcess(proc);
      }
      for (const file of logs.values()) file.end();
    },
  };
}
