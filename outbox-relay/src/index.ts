export { startRelay, type Relay, type RelayOptions } from './relay.ts';
export { buildApp } from './app.ts';
export { loadConfig, type RelayConfig } from './config.ts';
export { catalogueSchemaResolver } from './catalogueSchemas.ts';
export type { SchemaResolver, RawSchemaFactory } from './publisher.ts';
