import { loadServiceConfig, type ServiceConfig } from '@alpes/service-kit';

/** The influencers service's configuration (the only reader of `process.env`): the common service variables. */
export type InfluencersConfig = ServiceConfig;

/** Validates every variable at once; the error lists every bad or missing key. */
export function loadConfig(environment: NodeJS.ProcessEnv): InfluencersConfig {
  return loadServiceConfig('influencers', environment, { defaultPort: 8000 }).config;
}
