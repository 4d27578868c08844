import { readFileSync } from 'node:fs';
import { createPulsarClient, type PulsarClient } from '@alpes/pulsar';
import type { ProcessLogger } from './logger.ts';

/** Where a process finds the broker (PULSAR_URL, PULSAR_TOKEN, PULSAR_TLS_CA). */
export interface PulsarConnection {
  readonly pulsarUrl: string;
  readonly pulsarToken?: string | undefined;
  /** PEM file of the CA that signed the broker's certificate (`pulsar+ssl://` with a private CA: secure mode). */
  readonly pulsarTlsCa?: string | undefined;
}

/**
 * The one way a process of the system makes its Pulsar client: its URL, token and CA, and its own logger (the
 * client's lines carry `component: pulsar`). A CA file that cannot be read is an error at start, not a TLS
 * failure later.
 */
export function createProcessPulsarClient(
  connection: PulsarConnection,
  log: ProcessLogger,
  options: { operationTimeoutMs?: number } = {},
): PulsarClient {
  let ca: Buffer | undefined;
  if (connection.pulsarTlsCa) {
    try {
      ca = readFileSync(connection.pulsarTlsCa);
    } catch (error) {
      throw new Error(
        `PULSAR_TLS_CA: cannot read ${connection.pulsarTlsCa} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
  }
  return createPulsarClient({
    serviceUrl: connection.pulsarUrl,
    token: connection.pulsarToken,
    tls: ca ? { ca } : undefined,
    operationTimeoutMs: options.operationTimeoutMs ?? 10_000,
    logger: log.pino.child({ component: 'pulsar' }),
  });
}
