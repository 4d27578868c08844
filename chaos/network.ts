import { startToxiproxy, type Toxic, type Toxiproxy } from '@alpes/infra';
import type { InstanceName } from '@alpes/infra/system';
import type { Rng } from './rng.ts';

export type NetworkFault = 'latency' | 'cut' | 'blackhole' | 'partition';
const KINDS: readonly NetworkFault[] = ['latency', 'cut', 'blackhole', 'partition'];
type Link = 'postgres' | 'broker';

export interface FaultRecord {
  readonly kind: NetworkFault;
  readonly instance: InstanceName;
  readonly link: Link;
  readonly atMs: number;
  readonly durationMs: number;
}

export interface Network {
  /** The routes of one instance through its own proxies: DATABASE_URL and PULSAR_URL. */
  envFor(instance: InstanceName, databaseName: string): Record<string, string>;
  /** `count` faults spread over `windowMs`, each kind equally often, on random instances and links. */
  run(options: { count: number; windowMs: number; rng: Rng; log: (line: string) => void }): Promise<FaultRecord[]>;
  stop(): Promise<void>;
}

const proxyName = (instance: InstanceName, link: Link) => `${link}-${instance.replace('#', '-')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A Toxiproxy between every instance and PostgreSQL and between every instance and the broker, so that one
 * instance's link can be slowed, cut, blackholed or partitioned while the others go on. A standalone broker
 * with a loopback advertised address answers lookups with `proxyThroughServiceUrl`, so its clients keep
 * connecting to the service URL they were given — the proxy — rather than to the address it advertises.
 */
export async function startNetwork(options: {
  postgresTcpUrl: string;
  brokerUrl: string;
  instances: readonly InstanceName[];
  log: (line: string) => void;
}): Promise<Network> {
  const toxiproxy = await startToxiproxy(options.log);
  const pg = new URL(options.postgresTcpUrl);
  const broker = new URL(options.brokerUrl.replace(/^pulsar(\+ssl)?:/, 'http:'));
  // TLS passes through the proxies untouched (the broker's certificate names 127.0.0.1, as the proxies do).
  const scheme = options.brokerUrl.startsWith('pulsar+ssl:') ? 'pulsar+ssl' : 'pulsar';
  const listen = new Map<string, string>();
  for (const instance of options.instances) {
    listen.set(
      proxyName(instance, 'postgres'),
      await toxiproxy.createProxy(proxyName(instance, 'postgres'), `${pg.hostname}:${pg.port}`),
    );
    listen.set(
      proxyName(instance, 'broker'),
      await toxiproxy.createProxy(proxyName(instance, 'broker'), `${broker.hostname}:${broker.port}`),
    );
  }
  return {
    envFor: (instance, databaseName) => {
      const database = new URL(options.postgresTcpUrl);
      database.host = listen.get(proxyName(instance, 'postgres')) ?? '';
      database.pathname = `/${databaseName}`;
      return {
        DATABASE_URL: database.toString(),
        PULSAR_URL: `${scheme}://${listen.get(proxyName(instance, 'broker'))}`,
      };
    },
    run: (run) => runFaults(toxiproxy, options.instances, run),
    stop: () => toxiproxy.stop(),
  };
}

async function runFaults(
  toxiproxy: Toxiproxy,
  instances: readonly InstanceName[],
  options: Parameters<Network['run']>[0],
): Promise<FaultRecord[]> {
  const started = Date.now();
  const kinds = options.rng.shuffle(
    Array.from({ length: options.count }, (_, i) => KINDS[i % KINDS.length] as NetworkFault),
  );
  const busy = new Set<string>();
  const running: Promise<FaultRecord>[] = [];
  for (const [i, kind] of kinds.entries()) {
    const due = started + ((i + options.rng.between(0.2, 0.8)) * options.windowMs) / Math.max(1, kinds.length);
    await sleep(Math.max(0, due - Date.now()));
    const free = instances
      .flatMap((instance) => (['postgres', 'broker'] as const).map((link) => ({ instance, link })))
      .filter((t) => !busy.has(proxyName(t.instance, t.link)));
    if (free.length === 0) continue;
    const target = options.rng.pick(free);
    const proxy = proxyName(target.instance, target.link);
    busy.add(proxy);
    const durationMs = kind === 'cut' ? options.rng.between(300, 1500) : options.rng.between(5000, 30_000);
    const atMs = Date.now() - started;
    options.log(
      `fault ${i + 1}/${kinds.length}: ${kind} of ${target.instance} ↔ ${target.link} for ${(durationMs / 1000).toFixed(1)} s`,
    );
    running.push(
      inject(toxiproxy, proxy, { kind, durationMs, name: `f${i}`, latencyMs: Math.round(options.rng.between(50, 500)) })
        .catch((error: Error) => options.log(`  fault ${i + 1} (${kind}) could not be injected: ${error.message}`))
        .finally(() => busy.delete(proxy))
        .then(() => ({ kind, ...target, atMs, durationMs })),
    );
  }
  return Promise.all(running);
}

interface Injection {
  readonly kind: NetworkFault;
  readonly durationMs: number;
  readonly name: string;
  readonly latencyMs: number;
}

/** One fault on one proxy for `durationMs`, then the link is healed. */
async function inject(
  toxiproxy: Toxiproxy,
  proxy: string,
  { kind, durationMs, name, latencyMs }: Injection,
): Promise<void> {
  if (kind === 'partition') {
    await toxiproxy.setEnabled(proxy, false);
    await sleep(durationMs);
    await toxiproxy.setEnabled(proxy, true);
    return;
  }
  const toxic: Toxic =
    kind === 'latency'
      ? { name, type: 'latency', attributes: { latency: latencyMs, jitter: 50 } }
      : kind === 'blackhole'
        ? { name, type: 'timeout', attributes: { timeout: 0 } }
        : { name, type: 'reset_peer', attributes: { timeout: 0 } };
  await toxiproxy.addToxic(proxy, toxic);
  await sleep(durationMs);
  await toxiproxy.removeToxic(proxy, name);
}
