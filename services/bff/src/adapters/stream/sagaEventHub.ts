import { latestVersion, schemaText } from '@alpes/contracts';
import type { EventoSaga } from '@alpes/contracts';
import { avroSchema } from '@alpes/pulsar';
import type { Message, MessageId, PulsarClient, Reader } from '@alpes/pulsar';
import type { Logger } from '@alpes/service-kit';
import { readForever } from './readForever.ts';
import { createReplayBuffer } from './replayBuffer.ts';
import { toStreamEvent } from './streamEvent.ts';
import type { StreamEvent } from './streamEvent.ts';

export interface SagaEventHubOptions {
  readonly client: PulsarClient;
  /** The `eventos-saga` topic (non-partitioned: a reader starts at a message id only on one partition). */
  readonly topic: string;
  /** How many recent events stay in memory for `Last-Event-ID` resumes. */
  readonly bufferSize: number;
  readonly log: Logger;
  /** Pause before re-creating the reader after it failed for good. */
  readonly retryMs?: number;
  /** How many sagas' first message ids are remembered for `?saga=` streams (oldest forgotten first). */
  readonly sagaIndexSize?: number;
}

/** What the stream routes need: live events, the recent ones, and a reader for older ones. */
export interface SagaEventHub {
  /** Starts reading in the background (from the latest message) and keeps retrying until closed. */
  start(): void;
  /** Whether the reader is positioned and reading. */
  isReading(): boolean;
  /** Calls `listener` for every event received from now on; returns the unsubscribe function. */
  subscribe(listener: (event: StreamEvent) => void): () => void;
  /** The buffered events, oldest first. */
  recent(): readonly StreamEvent[];
  /** A reader of the same topic that starts right after `id`, or at it (for resumes beyond the buffer). */
  readAfter(id: MessageId, inclusive?: boolean): Promise<Reader<EventoSaga>>;
  /** The id of the first message of a saga this instance saw, if it is still remembered. */
  firstOf(sagaId: string): MessageId | undefined;
  close(): Promise<void>;
}

/**
 * One non-durable reader of `eventos-saga` per BFF instance (D-11: a shared subscription split events between
 * instances): every instance sees every event, with ids that mean the same on every instance.
 */
export function createSagaEventHub(options: SagaEventHubOptions): SagaEventHub {
  const schema = avroSchema<EventoSaga>(schemaText('eventos-saga', latestVersion('eventos-saga')));
  const buffer = createReplayBuffer<StreamEvent>(options.bufferSize);
  const listeners = new Set<(event: StreamEvent) => void>();
  const firsts = new Map<string, MessageId>();
  const indexSize = options.sagaIndexSize ?? 10_000;
  const onMessage = (message: Message<EventoSaga>): void => {
    const event = decoded(message, options.log);
    if (!event) return;
    remember(firsts, indexSize, event);
    buffer.append(event);
    for (const listener of listeners) listener(event);
  };
  let reading: ReturnType<typeof readForever> | undefined;
  return {
    start: () => {
      reading ??= readForever({
        client: options.client,
        topic: options.topic,
        schema,
        log: options.log,
        retryMs: options.retryMs ?? 1000,
        onMessage,
      });
    },
    isReading: () => reading?.isReading() ?? false,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    recent: () => buffer.items(),
    readAfter: (id, inclusive) =>
      options.client.createReader({
        topic: options.topic,
        startMessageId: id,
        startMessageIdInclusive: inclusive ?? false,
        schema,
      }),
    firstOf: (sagaId) => firsts.get(sagaId),
    close: async () => {
      await reading?.close();
    },
  };
}

/** A Map keeps insertion order: past `size`, the saga seen first is forgotten first. */
function remember(firsts: Map<string, MessageId>, size: number, event: StreamEvent): void {
  if (event.idCorrelacion === null || firsts.has(event.idCorrelacion)) return;
  firsts.set(event.idCorrelacion, event.messageId);
  if (firsts.size > size) firsts.delete(firsts.keys().next().value as string);
}

function decoded(message: Message<EventoSaga>, log: Logger): StreamEvent | undefined {
  try {
    return toStreamEvent(message);
  } catch (error) {
    log('warn', 'skipping a saga event that does not decode', { error: (error as Error).message });
    return undefined;
  }
}
