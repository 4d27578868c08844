export { readEnv, env, intOf, type EnvSpec } from './config.ts';
export { createServiceApp, problemRef, type ServiceAppOptions, type HealthCheck } from './app.ts';
export { isTransientInfrastructureFailure } from './transientFailure.ts';
export { installErrorHandler, sendProblem, fieldOf, type Problem } from './problem.ts';
export { startConsumer, type ConsumerOptions } from './consumer.ts';
export { startTracing, traceProperties, inSpan, startSpan, type Tracing } from './tracing.ts';
export {
  watchConsumers,
  type ConsumerWatch,
  type ConsumerWatchOptions,
  type WatchedConsumer,
} from './consumerWatch.ts';
export { createLogger, type Logger, type Level, type LoggerOptions, type ProcessLogger } from './logger.ts';
export { createShutdown, failStartup } from './shutdown.ts';
export { watchParent, supervisedInstance } from './parentWatch.ts';
export { createServiceMetrics, type ServiceMetrics } from './metrics.ts';
export { envelope, envelopeCausedBy, outboxMessage, type EnvelopeOptions, type OutboxOptions } from './messages.ts';
export { runCommand, recordRejection, type RunCommandOptions, type CommandOutcome } from './runCommand.ts';
export {
  commandHandler,
  commandRoute,
  runRoute,
  startCommandConsumers,
  type AnyCommandRoute,
  type CommandHandlingOptions,
  type CommandConsumersOptions,
  type CommandRoute,
} from './commandConsumers.ts';
export { serialByKey } from './serialByKey.ts';
export {
  DEFAULT_CONCURRENCY,
  loadServiceConfig,
  type ServiceConfig,
  type ServiceConfigOptions,
} from './serviceConfig.ts';
export { createProcessPulsarClient, type PulsarConnection } from './pulsarClient.ts';
export {
  runService,
  type ClosableConsumer,
  type QueryParts,
  type ServiceChecks,
  type ServiceDefinition,
  type ServiceParts,
} from './runService.ts';
export { buildQueryApp, queryApp, type QueryApi, type QueryAppDeps } from './queryApp.ts';
export { logOutcome, type LoggedOutcome } from './logOutcome.ts';
export { idParams, pageOf, pagingQuery } from './listSchemas.ts';
export { messageContext, textOf, type Received } from './messageContext.ts';
