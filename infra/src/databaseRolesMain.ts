// The database's side of secure mode as a program (gcp/cloud-run.sh runs it as the Cloud Run job
// `alpes-db-roles` before the services start): a login role per process, each service's schema owned by its
// role. DATABASE_URL: an administrator's (Cloud SQL's `alpes`); DB_PASSWORD_<PROCESS>: each role's password.
import { PROCESS_NAMES, type ProcessName } from './system.ts';
import { databaseRole, prepareDatabaseRoles } from './secureGrants.ts';

const adminUrl = process.env['DATABASE_URL'];
const passwords = Object.fromEntries(
  PROCESS_NAMES.map((name) => [name, process.env[`DB_PASSWORD_${name.toUpperCase()}`] ?? '']),
) as Record<ProcessName, string>;
const missing = [
  ...(adminUrl ? [] : ['DATABASE_URL']),
  ...PROCESS_NAMES.filter((name) => passwords[name].length < 16).map(
    (name) => `DB_PASSWORD_${name.toUpperCase()} (16 characters or more)`,
  ),
];
if (!adminUrl || missing.length > 0) {
  console.error(`database roles: missing or too short: ${missing.join(', ')}`);
  process.exit(2);
}
try {
  await prepareDatabaseRoles(adminUrl, passwords);
  console.log(`database roles ready: ${PROCESS_NAMES.map(databaseRole).join(', ')}`);
} catch (error) {
  console.error(`database roles: ${(error as Error).message}`);
  process.exit(1);
}
