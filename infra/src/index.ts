export {
  startLocalInfra,
  ensureDatabase,
  DATABASE_NAME,
  type LocalInfra,
  type LocalInfraOptions,
} from './localInfra.ts';
export { startEmbeddedPostgres, canConnect, type PostgresInstance } from './postgres.ts';
export { startPulsarStandalone, PULSAR_VERSION, type PulsarInstance } from './pulsarStandalone.ts';
export {
  createPulsarAdmin,
  topicPath,
  PulsarAdminError,
  type PulsarAdmin,
  type TopicStats,
  type SchemaInfo,
  type CompatibilityStrategy,
} from './pulsarAdmin.ts';
export { resolveClasspath } from './maven.ts';
export { guardedSpawn, stopGuarded, killGuarded, exited, isAlive } from './guardedSpawn.ts';
export { freePort, isListening } from './ports.ts';
export { waitFor } from './waitFor.ts';
export { repoRoot, dataRoot } from './paths.ts';
export {
  PROCESS_NAMES,
  PROCESS_MAIN,
  DEFAULT_PORTS,
  NODE_OPTIONS,
  processEnv,
  healthUrl,
  spawnProcess,
  waitHealthy,
  stopProcess,
  isRunning,
  type ProcessName,
  type SystemSettings,
  type SpawnedProcess,
} from './system.ts';
export { buildRuntime, builtEntry, buildRoot, type BuildResult } from './runtimeBuild.ts';
export { instanceIdFor, probeHealth, waitForHealth } from './health.ts';
export { portHolder } from './portHolder.ts';
export {
  proxiedDatabaseUrl,
  startToxiproxy,
  toxiproxyBinary,
  TOXIPROXY_VERSION,
  type Toxiproxy,
  type Toxic,
} from './toxiproxy.ts';
export { ADMIN_ROLE, secureBrokerSettings, secureMaterial, signToken, type SecureMaterial } from './secure.ts';
export {
  databaseRole,
  grantTopicRights,
  mergedTopicRights,
  prepareDatabaseRoles,
  prepareSystem,
  roleDatabaseUrl,
  topicRights,
  type TopicRight,
} from './secureGrants.ts';
export { issueCertificate, makeCertificateAuthority } from './certificates.ts';
