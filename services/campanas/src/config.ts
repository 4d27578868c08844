import { loadServiceConfig, type ServiceConfig } from '@alpes/service-kit';

/** The campanas service's configuration (the only reader of `process.env`): the common service variables. */
export type CampanasConfig = ServiceConfig;

/** Validates every variable at once; the error lists every bad or missing key. */
export function loadConfig(environment: NodeJS.ProcessEnv): CampanasConfig {
  return loadServiceConfig('campanas', environment, { defaultPort: 8001 }).config;
}
