// `npm start`: PostgreSQL and Pulsar (embedded unless DATABASE_URL / PULSAR_URL point elsewhere), then
// every service, the saga, the BFF and the outbox relay as supervised child processes. Ctrl-C (SIGINT)
// or SIGTERM stops everything.
import { buildRuntime, createPulsarAdmin, startLocalInfra, repoRoot } from '@alpes/infra';
import { choosePorts, processes } from './start/processes.ts';
import { createSupervisor } from './start/supervisor.ts';

const infraOnly = process.argv.includes('--infra-only');
const log = (line: string) => console.log(`[infra] ${line}`);

const infra = await startLocalInfra({ profile: 'dev', log });
console.log(`[infra] PostgreSQL: ${redact(infra.databaseUrl)}`);
console.log(`[infra] Pulsar:     ${infra.pulsarUrl}  (admin ${infra.pulsarAdminUrl})`);

// Readable coloured log lines in the terminal (pino-pretty); compose and Cloud Run keep the JSON default.
const supervisor = createSupervisor({ root: repoRoot, env: { LOG_FORMAT: process.env['LOG_FORMAT'] ?? 'pretty' } });
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n[start] ${signal}: stopping …`);
  await supervisor.stopAll();
  await infra.stop();
  console.log('[start] stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

if (infraOnly) {
  console.log('[start] infrastructure is up; press Ctrl-C to stop');
} else {
  const built = buildRuntime();
  console.log(`[start] the processes run from .build (${built.written} of ${built.files} files rewritten, ${built.ms} ms)`);
  const ports = await choosePorts((line) => console.log(`[start] ${line}`));
  const settings = {
    databaseUrl: infra.databaseUrl, pulsarUrl: infra.pulsarUrl, pulsarAdminUrl: infra.pulsarAdminUrl,
    namespace: process.env['PULSAR_NAMESPACE'] ?? 'public/default', ports,
  };
  // The topics' namespace, with broker deduplication on (the relay's restarts then never duplicate).
  const admin = createPulsarAdmin(infra.pulsarAdminUrl);
  await admin.createNamespace(settings.namespace);
  await admin.setDeduplication(settings.namespace, true);
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
  console.log(`[start] saga API: http://127.0.0.1:${ports.saga}/sagas   relay metrics: http://127.0.0.1:${ports.relay}/metrics`);
  console.log(`[start] everything is healthy — dashboard: http://127.0.0.1:${ports.bff}/  (Ctrl-C to stop)`);
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
