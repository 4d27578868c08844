export { startLocalInfra, ensureDatabase, DATABASE_NAME, type LocalInfra, type LocalInfraOptions } from './localInfra.ts';
export { startEmbeddedPostgres, canConnect, type PostgresInstance } from './postgres.ts';
export { startPulsarStandalone, PULSAR_VERSION, type PulsarInstance } from './pulsarStandalone.ts';
export { createPulsarAdmin, topicPath, PulsarAdminError, type PulsarAdmin, type TopicStats, type SchemaInfo, type CompatibilityStrategy } from './pulsarAdmin.ts';
export { resolveClasspath } from './maven.ts';
export { guardedSpawn, stopGuarded, killGuarded, exited } from './guardedSpawn.ts';
export { freePort, isListening } from './ports.ts';
export { waitFor } from './waitFor.ts';
export { repoRoot, dataRoot } from './paths.ts';
