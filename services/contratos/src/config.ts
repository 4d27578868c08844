import { loadServiceConfig, type ServiceConfig } from '@alpes/service-kit';

/** The contratos service's configuration (the only reader of `process.env`): the common service variables. */
export type ContratosConfig = ServiceConfig;

/** Validates every variable at once; the error lists every bad or missing key. */
export function loadConfig(environment: NodeJS.ProcessEnv): ContratosConfig {
  return loadServiceConfig('contratos', environment, { defaultPort: 8002 }).config;
}
