import { type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { guardedSpawn, killGuarded, stopGuarded } from './guardedSpawn.ts';
import { resolveClasspath } from './maven.ts';
import { standaloneDir } from './paths.ts';
import { waitFor } from './waitFor.ts';
import { createPulsarAdmin } from './pulsarAdmin.ts';

export const PULSAR_VERSION = '4.0.7';

export interface PulsarStandaloneOptions {
  /** Broker data (metadata + bookkeeper) and the broker log live here. */
  readonly dataDir: string;
  readonly brokerPort: number;
  readonly webPort: number;
  readonly bookiePort: number;
  /** JVM heap, e.g. `768m` (kept ≤ 1 GiB on the 2-core machines). */
  readonly heap?: string;
  /** Settings that replace or add to `standalone.conf` (e.g. authentication for a test of it). */
  readonly settings?: Readonly<Record<string, string>>;
  /** A token the readiness probe sends, when `settings` turn authentication on. */
  readonly adminToken?: string;
  /** The CA of the broker's certificate, when `settings` give it TLS ports (the readiness probe trusts it). */
  readonly tlsCaFile?: string;
  readonly log: (line: string) => void;
}

export interface PulsarInstance {
  readonly serviceUrl: string;
  readonly adminUrl: string;
  readonly logFile: string;
  /** Graceful stop (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
  /** Crash: SIGKILL the JVM. */
  kill(): Promise<void>;
  /** Start again on the same ports and data after stop() or kill(). */
  start(): Promise<void>;
}

const JVM_FLAGS = [
  '-XX:+UseSerialGC',
  '-Djava.net.preferIPv4Stack=true',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djute.maxbuffer=10485760',
  '-Dpulsar.allocator.exit_on_oom=true',
  '-Dbookkeeper.metadata.bookie.drivers=org.apache.pulsar.metadata.bookkeeper.PulsarMetadataBookieDriver',
  '-Dbookkeeper.metadata.client.drivers=org.apache.pulsar.metadata.bookkeeper.PulsarMetadataClientDriver',
  '-Dlog4j.configurationFile=log4j2.yaml',
  ...[
    'java.base/java.io',
    'java.base/java.util.zip',
    'java.base/java.nio',
    'java.base/jdk.internal.misc',
    'java.base/sun.net',
    'java.management/sun.management',
    'jdk.management/com.sun.management.internal',
    'java.base/jdk.internal.platform',
  ].flatMap((pkg) => ['--add-opens', `${pkg}=ALL-UNNAMED`]),
];

export async function startPulsarStandalone(options: PulsarStandaloneOptions): Promise<PulsarInstance> {
  const classpath = await resolveClasspath({
    projectDir: standaloneDir,
    cacheKey: `pulsar-broker-${PULSAR_VERSION}`,
    log: options.log,
  });
  mkdirSync(options.dataDir, { recursive: true });
  const confFile = writeConfig(options);
  const logFile = join(options.dataDir, 'broker.log');
  // With TLS ports in the settings (secure mode), clients and admins are sent to them.
  const tlsBroker = options.settings?.['brokerServicePortTls'];
  const tlsWeb = options.settings?.['webServicePortTls'];
  const serviceUrl = tlsBroker ? `pulsar+ssl://127.0.0.1:${tlsBroker}` : `pulsar://127.0.0.1:${options.brokerPort}`;
  const adminUrl = tlsWeb ? `https://127.0.0.1:${tlsWeb}` : `http://127.0.0.1:${options.webPort}`;
  let jvm: ChildProcess | undefined;

  const start = async () => {
    jvm = launch({ options, classpath, confFile, logFile });
    const started = Date.now();
    await waitUntilReady(adminUrl, jvm, logFile, options);
    options.log(
      `Pulsar ${PULSAR_VERSION} ready at ${serviceUrl} (admin ${adminUrl}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  };
  await start();
  return {
    serviceUrl,
    adminUrl,
    logFile,
    start,
    stop: async () => {
      if (jvm) await stopGuarded(jvm);
    },
    kill: async () => {
      if (jvm) await killGuarded(jvm);
    },
  };
}

function writeConfig(options: PulsarStandaloneOptions): string {
  const base = readFileSync(join(standaloneDir, 'standalone.conf'), 'utf8');
  let conf = base
    .replace(/^brokerServicePort=.*$/m, `brokerServicePort=${options.brokerPort}`)
    .replace(/^webServicePort=.*$/m, `webServicePort=${options.webPort}`);
  for (const [key, value] of Object.entries(options.settings ?? {})) {
    const line = new RegExp(`^${key}=.*$`, 'm');
    conf = line.test(conf) ? conf.replace(line, () => `${key}=${value}`) : `${conf}\n${key}=${value}\n`;
  }
  const file = join(options.dataDir, 'standalone.conf');
  // Private: in secure mode it holds the broker's own token.
  writeFileSync(file, conf, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

interface LaunchArgs {
  options: PulsarStandaloneOptions;
  classpath: string[];
  confFile: string;
  logFile: string;
}

function launch({ options, classpath, confFile, logFile }: LaunchArgs): ChildProcess {
  const heap = options.heap ?? '768m';
  const args = [
    '-cp',
    [...classpath, standaloneDir].join(':'),
    `-Xms128m`,
    `-Xmx${heap}`,
    '-XX:MaxDirectMemorySize=512m',
    `-Dpulsar.log.file=${logFile}`,
    ...JVM_FLAGS,
    'org.apache.pulsar.PulsarStandaloneStarter',
    '--config',
    confFile,
    '-nfw',
    '-nss',
    '--metadata-dir',
    join(options.dataDir, 'metadata'),
    '--bookkeeper-dir',
    join(options.dataDir, 'bookkeeper'),
    '--bookkeeper-port',
    String(options.bookiePort),
    '-a',
    '127.0.0.1',
  ];
  const out = openSync(join(options.dataDir, 'jvm.out'), 'a');
  const java = process.env['JAVA_HOME'] ? join(process.env['JAVA_HOME'], 'bin', 'java') : 'java';
  const child = guardedSpawn(java, args, { cwd: options.dataDir, stdout: out, stderr: out, graceSeconds: 20 });
  closeSync(out);
  return child;
}

async function waitUntilReady(
  adminUrl: string,
  jvm: ChildProcess,
  logFile: string,
  options: PulsarStandaloneOptions,
): Promise<void> {
  const admin = createPulsarAdmin(adminUrl, {
    token: options.adminToken,
    tlsCaFile: options.tlsCaFile,
    timeoutMs: 10_000,
  });
  await waitFor({
    what: `Pulsar broker at ${adminUrl}`,
    timeoutMs: 180_000,
    intervalMs: 500,
    failFast: () =>
      jvm.exitCode !== null || jvm.signalCode !== null
        ? `the broker JVM exited (code ${jvm.exitCode}). Last log lines:\n${tail(logFile)}`
        : undefined,
    probe: async () => {
      await admin.ready();
      await admin.health();
      return true;
    },
  });
}

function tail(file: string, lines = 25): string {
  const jvmOut = file.replace(/broker\.log$/, 'jvm.out');
  const text = [file, jvmOut]
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  return text.split('\n').slice(-lines).join('\n');
}
