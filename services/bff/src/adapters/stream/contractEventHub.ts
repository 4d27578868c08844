import { latestVersion, schemaText } from '@alpes/contracts';
import type { EventoContratoCreado, EventoContratoError } from '@alpes/contracts';
import { avroSchema } from '@alpes/pulsar';
import type { Message, PulsarClient } from '@alpes/pulsar';
import type { Logger } from '@alpes/service-kit';
import { readForever } from './readForever.ts';

/** The SSE event names of contract events: apart from the saga transitions' `nuevo_evento` / `error`. */
export type ContractEventName = 'contrato' | 'contrato_error';

export interface ContractEventHubOptions {
  readonly client: PulsarClient;
  /** `eventos-contratos` and `eventos-contratos-error` (full names). */
  readonly topics: { readonly creados: string; readonly errores: string };
  readonly log: Logger;
  readonly retryMs?: number;
}

/** Live contract events for operators' streams; nothing is buffered (live-only, so no resume). */
export interface ContractEventHub {
  start(): void;
  /** Whether both readers are positioned and reading. */
  isReading(): boolean;
  /** Calls `listener` with each event's SSE frame (no `id:`); returns the unsubscribe function. */
  subscribe(listener: (frame: string) => void): () => void;
  close(): Promise<void>;
}

type ContractMessage = EventoContratoCreado | EventoContratoError;

/**
 * Non-durable readers of the two contract topics, as the original BFF's /stream carried them (issue 18). Their
 * frames carry no `id:`: an EventSource would take it as its Last-Event-ID, and a contract message id means
 * nothing on `eventos-saga`, so the saga resume would break.
 */
export function createContractEventHub(options: ContractEventHubOptions): ContractEventHub {
  const listeners = new Set<(frame: string) => void>();
  const readers: { isReading(): boolean; close(): Promise<void> }[] = [];
  const read = (
    topic: string,
    name: ContractEventName,
    schemaTopic: 'eventos-contratos' | 'eventos-contratos-error',
  ): void => {
    const schema = avroSchema<ContractMessage>(schemaText(schemaTopic, latestVersion(schemaTopic)));
    readers.push(
      readForever({
        client: options.client,
        topic,
        schema,
        log: options.log,
        retryMs: options.retryMs ?? 1000,
        onMessage: (message) => {
          const frame = framed(name, schemaTopic, message, options.log);
          if (frame) for (const listener of listeners) listener(frame);
        },
      }),
    );
  };
  return {
    start: () => {
      if (readers.length > 0) return;
      read(options.topics.creados, 'contrato', 'eventos-contratos');
      read(options.topics.errores, 'contrato_error', 'eventos-contratos-error');
    },
    isReading: () => readers.length > 0 && readers.every((reader) => reader.isReading()),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close: async () => {
      await Promise.all(readers.map((reader) => reader.close()));
    },
  };
}

/**
 * A message that does not decode is skipped and logged, as the saga hub does: thrown from the reader's loop, it
 * would re-create the reader after it, and the BFF's health would drop for every poison message.
 */
function framed(
  name: ContractEventName,
  topic: string,
  message: Message<ContractMessage>,
  log: Logger,
): string | undefined {
  try {
    return contractFrame(name, topic, message);
  } catch (error) {
    log('warn', 'skipping a contract event that does not decode', {
      topic: message.topic,
      error: (error as Error).message,
    });
    return undefined;
  }
}

/** `data:` is the envelope and the payload, one JSON line (JSON.stringify never emits a raw line break). */
export function contractFrame(name: ContractEventName, topic: string, message: Message<ContractMessage>): string {
  // avsc decodes to record instances: the JSON round trip makes plain data of them.
  const value = JSON.parse(JSON.stringify(message.value)) as ContractMessage;
  // The envelope and the record's extra fields (error_codigo, monto_total_decimal) first, then the payload.
  const { data: payload, ...envelope } = value;
  const data = { topico: topic, ...envelope, ...payload };
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
