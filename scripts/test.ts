// `npm test`: starts PostgreSQL and Pulsar once, type-checks, lints and runs every test file
// (each in its own process, sharing the infrastructure), then prints `N passed, N failed`.
import { startLocalInfra, repoRoot } from '@alpes/infra';
import { findTestFiles } from './testing/discover.ts';
import { runChecks } from './testing/checks.ts';
import { runFiles, stopRunningFiles, type FileResult } from './testing/runFiles.ts';
import { installSignalHandlers } from './testing/signals.ts';

const log = (line: string) => console.log(`[infra] ${line}`);
const requested = process.argv.slice(2);
const started = Date.now();

const files = findTestFiles(repoRoot, requested);
console.log(`[test] ${files.length} test file(s); starting PostgreSQL and Pulsar …`);
const checks = requested.length === 0 ? runChecks(repoRoot) : Promise.resolve([]);
const infra = await startLocalInfra({ profile: 'test', log });
installSignalHandlers(async () => {
  stopRunningFiles();
  await infra.stop();
});

let results: FileResult[] = [];
try {
  const env = { DATABASE_URL: infra.databaseUrl, PULSAR_URL: infra.pulsarUrl, PULSAR_ADMIN_URL: infra.pulsarAdminUrl };
  results = [...(await checks), ...(await runFiles(files, { env, root: repoRoot }))];
} finally {
  await infra.stop();
}

const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
const failures = results.filter((r) => r.failed > 0);
if (failures.length > 0) console.log(`\n[test] failing: ${failures.map((r) => r.name).join(', ')}`);
console.log(`[test] finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
