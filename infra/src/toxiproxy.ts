import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { guardedSpawn, stopGuarded } from './guardedSpawn.ts';
import { cacheRoot } from './paths.ts';
import { freePort } from './ports.ts';
import { waitFor } from './waitFor.ts';

/** Shopify's Toxiproxy, a TCP proxy that injects network faults; built from its Go module by `go install`. */
export const TOXIPROXY_VERSION = 'v2.12.0';
const MODULE = 'github.com/Shopify/toxiproxy/v2/cmd/server';

export interface Toxic {
  readonly name: string;
  /** `latency`, `timeout` (0: a blackhole, data vanishes and nothing is closed), `reset_peer` (TCP RST) … */
  readonly type: string;
  readonly stream?: 'upstream' | 'downstream';
  readonly attributes: Record<string, number>;
}

export interface Toxiproxy {
  readonly apiUrl: string;
  /** A proxy on a free port of 127.0.0.1 to `upstream` (`host:port`); resolves to its `host:port`. */
  createProxy(name: string, upstream: string): Promise<string>;
  addToxic(proxy: string, toxic: Toxic): Promise<void>;
  removeToxic(proxy: string, toxic: string): Promise<void>;
  /** Disabled: listens no more and closes every connection it carries (a partition that the peer sees). */
  setEnabled(proxy: string, enabled: boolean): Promise<void>;
  stop(): Promise<void>;
}

/** The server binary, built once per version into `.cache/bin` (the Go toolchain and the module proxy are needed the first time). */
export async function toxiproxyBinary(log: (line: string) => void): Promise<string> {
  const binary = join(cacheRoot, 'bin', `toxiproxy-server-${TOXIPROXY_VERSION}`);
  if (existsSync(binary)) return binary;
  const gobin = join(cacheRoot, 'bin', `go-${process.pid}`);
  mkdirSync(gobin, { recursive: true });
  log(
    `building Toxiproxy ${TOXIPROXY_VERSION} with \`go install ${MODULE}@${TOXIPROXY_VERSION}\` (first run only: a minute or two) …`,
  );
  const started = Date.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('go', ['install', `${MODULE}@${TOXIPROXY_VERSION}`], {
      env: { ...process.env, GOBIN: gobin, GOFLAGS: '-modcacherw' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', (error) =>
      reject(new Error(`cannot run \`go\` to build Toxiproxy (is Go installed?): ${error.message}`)),
    );
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`go install ${MODULE}@${TOXIPROXY_VERSION} failed (exit ${code})`);
  renameSync(join(gobin, 'server'), binary);
  log(`Toxiproxy built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return binary;
}

/** A Toxiproxy server on a free port of 127.0.0.1, stopped with this process at the latest. */
export async function startToxiproxy(log: (line: string) => void): Promise<Toxiproxy> {
  const binary = await toxiproxyBinary(log);
  const port = await freePort();
  const server = guardedSpawn(binary, ['-host', '127.0.0.1', '-port', String(port)], { graceSeconds: 2 });
  const apiUrl = `http://127.0.0.1:${port}`;
  await waitFor({
    what: 'Toxiproxy',
    timeoutMs: 30_000,
    failFast: () => (server.exitCode !== null ? `exited with code ${server.exitCode}` : undefined),
    probe: async () => (await fetch(`${apiUrl}/version`)).ok,
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`Toxiproxy ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : ((await response.json()) as Record<string, unknown>);
  };
  return {
    apiUrl,
    // A fixed port: a proxy disabled and enabled again must listen where its clients connect.
    createProxy: async (name, upstream) =>
      String(
        (await call('POST', '/proxies', { name, upstream, listen: `127.0.0.1:${await freePort()}`, enabled: true }))?.[
          'listen'
        ],
      ),
    addToxic: async (proxy, toxic) => {
      await call('POST', `/proxies/${proxy}/toxics`, { stream: 'downstream', toxicity: 1, ...toxic });
    },
    removeToxic: async (proxy, toxic) => {
      await call('DELETE', `/proxies/${proxy}/toxics/${toxic}`);
    },
    setEnabled: async (proxy, enabled) => {
      await call('POST', `/proxies/${proxy}`, { enabled });
    },
    stop: () => stopGuarded(server),
  };
}

/**
 * `databaseUrl` routed through a new proxy named `name` to the same server over TCP (a test database may be
 * reached over a Unix-domain socket, which a TCP proxy cannot carry).
 */
export async function proxiedDatabaseUrl(toxiproxy: Toxiproxy, name: string, databaseUrl: string): Promise<string> {
  const url = new URL(databaseUrl);
  url.host = await toxiproxy.createProxy(name, `127.0.0.1:${url.port}`);
  return url.toString();
}
