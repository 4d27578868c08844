// `npm start`: PostgreSQL and Pulsar (embedded unless DATABASE_URL / PULSAR_URL point elsewhere),
// then every service as a supervised child process. Ctrl-C (SIGINT) or SIGTERM stops everything.
import { startLocalInfra, repoRoot } from '@alpes/infra';
import { processes } from './start/processes.ts';
import { createSupervisor } from './start/supervisor.ts';

const infraOnly = process.argv.includes('--infra-only');
const log = (line: string) => console.log(`[infra] ${line}`);

const infra = await startLocalInfra({ profile: 'dev', log });
console.log(`[infra] PostgreSQL: ${redact(infra.databaseUrl)}`);
console.log(`[infra] Pulsar:     ${infra.pulsarUrl}  (admin ${infra.pulsarAdminUrl})`);

const env = { DATABASE_URL: infra.databaseUrl, PULSAR_URL: infra.pulsarUrl, PULSAR_ADMIN_URL: infra.pulsarAdminUrl };
const supervisor = createSupervisor({ root: repoRoot, env });
if (!infraOnly) {
  const list = processes(repoRoot);
  for (const spec of list) supervisor.start(spec);
  await supervisor.whenHealthy(list);
}
console.log(infraOnly || processes(repoRoot).length === 0
  ? '[start] infrastructure is up; press Ctrl-C to stop'
  : `[start] everything is healthy — dashboard: http://127.0.0.1:${process.env['BFF_PORT'] ?? 8004}/  (Ctrl-C to stop)`);

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

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
