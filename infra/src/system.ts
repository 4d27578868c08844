import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';
import { buildRuntime, builtEntry } from './runtimeBuild.ts';
import { instanceIdFor, waitForHealth } from './health.ts';
import type { SecureMaterial } from './secure.ts';
import { databaseRole, roleDatabaseUrl } from './secureGrants.ts';

/** The system's processes, in start order: the relay last, once the services have created their outboxes. */
export const PROCESS_NAMES = ['influencers', 'campanas', 'contratos', 'saga', 'bff', 'relay'] as const;
export type ProcessName = (typeof PROCESS_NAMES)[number];

export const PROCESS_MAIN: Record<ProcessName, string> = {
  influencers: 'services/influencers/src/main.ts',
  campanas: 'services/campanas/src/main.ts',
  contratos: 'services/contratos/src/main.ts',
  saga: 'services/saga/src/main.ts',
  bff: 'services/bff/src/main.ts',
  relay: 'outbox-relay/src/main.ts',
};

/** The ports of ARCHITECTURE §2 (the relay's is its own). */
export const DEFAULT_PORTS: Record<ProcessName, number> = {
  influencers: 8000,
  campanas: 8001,
  contratos: 8002,
  saga: 8084,
  bff: 8004,
  relay: 9464,
};

export interface SystemSettings {
  readonly databaseUrl: string;
  readonly pulsarUrl: string;
  readonly pulsarAdminUrl: string;
  readonly namespace: string;
  readonly ports: Record<ProcessName, number>;
  /** Extra variables for every process, or for one. */
  readonly env?: Record<string, string>;
  readonly envFor?: Partial<Record<ProcessName, Record<string, string>>>;
  /**
   * Secure mode: each process connects with its own PostgreSQL role (`databaseUrl` is then a superuser's),
   * its own Pulsar token, and trusts the broker's CA.
   */
  readonly secure?: SecureMaterial;
}

/**
 * V8 heap limits for every process of the system (the image sets the same NODE_OPTIONS): an 80 MiB old
 * generation and 4 MiB semi-spaces keep each process under 150 MB resident at saturation (`npm run bench:saga`);
 * without them V8 grows its heap lazily to 250–330 MB. Override with NODE_OPTIONS in `env` / `envFor`.
 */
export const NODE_OPTIONS = '--max-old-space-size=80 --max-semi-space-size=4';

/** The environment a process of the system runs with. */
export function processEnv(name: ProcessName, settings: SystemSettings): Record<string, string> {
  const port = String(settings.ports[name]);
  const own: Record<ProcessName, Record<string, string>> = {
    influencers: { PORT: port },
    campanas: { PORT: port },
    contratos: { PORT: port },
    saga: { PORT: port },
    bff: {
      PORT: port,
      SAGA_URL: `http://127.0.0.1:${settings.ports.saga}`,
      RELAY_URL: `http://127.0.0.1:${settings.ports.relay}`,
    },
    relay: {
      RELAY_PORT: port,
      RELAY_SCHEMAS: 'influencers,campanas,contratos,saga',
      PULSAR_ADMIN_URL: settings.pulsarAdminUrl,
      RELAY_DEDUP_NAMESPACES: settings.namespace,
    },
  };
  return {
    ...baseEnv(name, settings),
    ...settings.env,
    ...own[name],
    ...secureEnv(name, settings),
    ...settings.envFor?.[name],
  };
}

function baseEnv(name: ProcessName, settings: SystemSettings): Record<string, string> {
  return {
    // The process shuts down if this one (its parent) dies without stopping it (service-kit's watchParent).
    ALPES_PARENT_PID: String(process.pid),
    // Its `/health` answers with it: the harness never takes another program's answer for this process's.
    ALPES_INSTANCE_ID: instanceIdFor(name),
    NODE_OPTIONS,
    DATABASE_URL: settings.databaseUrl,
    PULSAR_URL: settings.pulsarUrl,
    PULSAR_NAMESPACE: settings.namespace,
  };
}

/** The process's own credentials in secure mode; the relay gets no admin URL (the starter set deduplication). */
function secureEnv(name: ProcessName, settings: SystemSettings): Record<string, string> {
  const material = settings.secure;
  if (!material) return {};
  return {
    DATABASE_URL: roleDatabaseUrl(settings.databaseUrl, name, material),
    PULSAR_TOKEN: material.tokens[name],
    PULSAR_TLS_CA: material.caFile,
    // The services grant the relay's role their outbox (and nothing else) when they migrate.
    OUTBOX_RELAY_ROLE: databaseRole('relay'),
    ...(name === 'relay' ? { PULSAR_ADMIN_URL: '' } : {}),
  };
}

export function healthUrl(name: ProcessName, settings: Pick<SystemSettings, 'ports'>): string {
  return `http://127.0.0.1:${settings.ports[name]}/health`;
}

export interface SpawnedProcess {
  readonly name: ProcessName;
  readonly child: ChildProcess;
  /** The id its `/health` must answer with. */
  readonly instance: string;
  output(): string;
}

let built = false;

/** Starts one process of the system, from its built JavaScript (`.build/`, brought up to date first), with its output captured (the last 200 kB). */
export function spawnProcess(
  name: ProcessName,
  settings: SystemSettings,
  onLine?: (line: string) => void,
): SpawnedProcess {
  if (!built) {
    buildRuntime();
    built = true;
  }
  const env = processEnv(name, settings);
  const child = spawn(process.execPath, [join(repoRoot, builtEntry(PROCESS_MAIN[name]))], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-200_000);
    if (onLine) for (const line of text.split('\n')) if (line) onLine(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { name, child, instance: env['ALPES_INSTANCE_ID'] ?? instanceIdFor(name), output: () => output };
}

/** Resolves when the process answers 200 on /health; fails early if it exits. */
export async function waitHealthy(
  proc: SpawnedProcess,
  settings: Pick<SystemSettings, 'ports'>,
  timeoutMs = 60_000,
): Promise<void> {
  await waitForHealth({
    what: proc.name,
    url: healthUrl(proc.name, settings),
    instance: proc.instance,
    timeoutMs,
    intervalMs: 200,
    failFast: () =>
      proc.child.exitCode !== null
        ? `exited with code ${proc.child.exitCode}:\n${proc.output().slice(-3000)}`
        : undefined,
  });
}

export function isRunning(proc: SpawnedProcess): boolean {
  return proc.child.exitCode === null && proc.child.signalCode === null;
}

/** SIGTERM (graceful) or SIGKILL (crash), resolved once the process is gone. */
export function stopProcess(proc: SpawnedProcess, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  if (!isRunning(proc)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
    proc.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.child.kill(signal);
  });
}
