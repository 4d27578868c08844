import { env, intOf, loadServiceConfig, type ServiceConfig } from '@alpes/service-kit';
import type { Politica } from './domain/index.ts';

export interface SagaConfig extends ServiceConfig {
  readonly politica: Politica;
  readonly deadlinePollMs: number;
}

const own = {
  SAGA_STEP_TIMEOUT_MS: env.positiveInt,
  SAGA_COMPENSATION_RETRY_MS: env.positiveInt,
  SAGA_COMPENSATION_RETRY_MAX_MS: env.positiveInt,
  SAGA_COMPENSATION_MAX_ATTEMPTS: env.positiveInt,
  SAGA_DEADLINE_POLL_MS: env.positiveInt,
};

/** The only reader of process.env; every bad key (common or the saga's own) is listed at once. */
export function loadConfig(environment: NodeJS.ProcessEnv): SagaConfig {
  const { config, values } = loadServiceConfig('saga', environment, { defaultPort: 8084, extra: own });
  return {
    ...config,
    politica: {
      plazoPasoMs: intOf(values, 'SAGA_STEP_TIMEOUT_MS', 30_000),
      compensacion: {
        baseMs: intOf(values, 'SAGA_COMPENSATION_RETRY_MS', 5000),
        maxMs: intOf(values, 'SAGA_COMPENSATION_RETRY_MAX_MS', 60_000),
        maxIntentos: intOf(values, 'SAGA_COMPENSATION_MAX_ATTEMPTS', 20),
      },
    },
    deadlinePollMs: intOf(values, 'SAGA_DEADLINE_POLL_MS', 500),
  };
}
