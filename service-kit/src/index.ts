export { readEnv, env, intOf, type EnvSpec } from './config.ts';
export { createServiceApp, type ServiceAppOptions, type HealthCheck } from './app.ts';
export { installErrorHandler, sendProblem, fieldOf, type Problem } from './problem.ts';
export { startConsumer, type ConsumerOptions } from './consumer.ts';
export { createLogger, type Logger, type Level } from './logger.ts';
export { createShutdown, failStartup } from './shutdown.ts';
export { createServiceMetrics, type ServiceMetrics } from './metrics.ts';
export { envelope, outboxMessage, type EnvelopeOptions, type OutboxOptions } from './messages.ts';
export { runCommand, type RunCommandOptions, type CommandOutcome } from './runCommand.ts';
