// `npm start`: PostgreSQL and Pulsar (embedded unless DATABASE_URL / PULSAR_URL point elsewhere), then
// every service, the saga, the BFF and the outbox relay as supervised child processes. Ctrl-C (SIGINT)
// or SIGTERM — to this process alone, as Docker, systemd or a CI runner send it — stops everything;
// so does the death of its parent (npm SIGKILLed). `--infra-only`: PostgreSQL and Pulsar alone.
// `--free-ports`: every process (PostgreSQL and Pulsar too) takes a free port instead of its usual one. `--secure`: the broker with TLS,
// token authentication and authorization, every process with its own Pulsar role and PostgreSQL role (data
// in .data/secure).
import { join, relative } from 'node:path';
import { buildRuntime, dataRoot, prepareSystem, startLocalInfra, repoRoot, type LocalInfra } from '@alpes/infra';
import { watchParent } from '@alpes/service-kit';
import { edgeSecrets } from './start/edgeSecrets.ts';
import { choosePorts, processes } from './start/processes.ts';
import { createSupervisor } from './start/supervisor.ts';

const infraOnly = process.argv.includes('--infra-only');
const secure = process.argv.includes('--secure');
const log = (line: string) => console.log(`[infra] ${line}`);

// Readable coloured log lines in the terminal (pino-pretty); compose and Cloud Run keep the JSON default.
const supervisor = createSupervisor({ root: repoRoot, env: { LOG_FORMAT: process.env['LOG_FORMAT'] ?? 'pretty' } });
let infra: LocalInfra | undefined;
let stopping = false;
const shutdown = async (reason: string, code = 0) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n[start] ${reason}: stopping …`);
  await supervisor.stopAll();
  await infra?.stop();
  console.log('[start] stopped');
  process.exit(code);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
watchParent((reason) => void shutdown(reason), { ALPES_PARENT_PID: String(process.ppid) });

try {
  // The usual ports are checked before anything starts: another program on one of them is an error, never a
  // health check that it answers in our place. Free ports are chosen only once the infrastructure is up, just
  // before the processes bind them: chosen earlier, another program could take one meanwhile.
  const freePorts = process.argv.includes('--free-ports');
  const usualPorts = infraOnly || freePorts ? undefined : await choosePorts(false);
  infra = await startLocalInfra({ profile: 'dev', log, secure, freePorts });
  console.log(`[infra] PostgreSQL: ${redact(infra.databaseUrl)}`);
  console.log(`[infra] Pulsar:     ${infra.pulsarUrl}  (admin ${infra.pulsarAdminUrl})`);
  if (infra.secure) {
    console.log(
      `[infra] secure mode: TLS and tokens only; the CA, the tokens and the database roles' passwords are in ${shown(infra.secure.dir)}/ (ca.cert.pem, credentials.json)`,
    );
  }
  if (infraOnly) console.log('[start] infrastructure is up; press Ctrl-C to stop');
  else await startSystem(infra, usualPorts ?? (await choosePorts(true)));
} catch (error) {
  console.error(`[start] ${(error as Error).message}`);
  await shutdown('start failed', 1);
}

async function startSystem(up: LocalInfra, ports: Awaited<ReturnType<typeof choosePorts>>): Promise<void> {
  const built = buildRuntime();
  console.log(
    `[start] the processes run from .build (${built.written} of ${built.files} files rewritten, ${built.ms} ms)`,
  );
  const secretsFile = join(dataRoot, up.secure ? 'secure' : 'dev', 'bff-secrets.json');
  const secrets = edgeSecrets(secretsFile, process.env);
  const settings = {
    databaseUrl: up.databaseUrl,
    pulsarUrl: up.pulsarUrl,
    pulsarAdminUrl: up.pulsarAdminUrl,
    namespace: process.env['PULSAR_NAMESPACE'] ?? 'public/default',
    ports,
    secure: up.secure,
    envFor: { bff: { BFF_SECRET: secrets.secret, BFF_OPERATOR_TOKEN: secrets.operatorToken } },
  };
  const granted = await prepareSystem({
    adminUrl: up.pulsarAdminUrl,
    namespace: settings.namespace,
    databaseUrl: up.databaseUrl,
    secure: up.secure,
  });
  if (up.secure) {
    console.log(
      `[start] secure mode: ${granted} topic grants (each process its own role), a PostgreSQL role per process owning only its schema`,
    );
  }
  const list = processes(settings);
  // Services first: they create their schemas (outbox tables included) before the relay reads them.
  const services = list.filter((spec) => spec.name !== 'relay');
  console.log(`[start] starting ${services.map((s) => s.name).join(', ')} …`);
  for (const spec of services) supervisor.start(spec);
  await supervisor.whenHealthy(services);
  const relay = list.filter((spec) => spec.name === 'relay');
  console.log('[start] starting the outbox relay …');
  for (const spec of relay) supervisor.start(spec);
  await supervisor.whenHealthy(relay);
  console.log(
    `[start] saga API: http://127.0.0.1:${ports.saga}/sagas   relay metrics: http://127.0.0.1:${ports.relay}/metrics`,
  );
  console.log(`[start] everything is healthy — dashboard: http://127.0.0.1:${ports.bff}/  (Ctrl-C to stop)`);
  console.log(
    `[start] the dashboard asks for the operator token (kept in ${shown(secretsFile)}): ${secrets.operatorToken}`,
  );
}

/** A path relative to the working folder when inside it, else as it is. */
function shown(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith('..') ? inside : path;
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
