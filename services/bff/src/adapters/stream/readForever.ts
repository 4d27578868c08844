import { isPulsarError } from '@alpes/pulsar';
import type { Message, MessageId, PulsarClient, Reader, Schema } from '@alpes/pulsar';
import type { Logger } from '@alpes/service-kit';

export interface ReadForeverOptions<T> {
  readonly client: PulsarClient;
  readonly topic: string;
  readonly schema: Schema<T>;
  readonly log: Logger;
  readonly retryMs: number;
  readonly onMessage: (message: Message<T>) => void;
}

/**
 * A non-durable reader from the latest message that survives failures: the client already reconnects after a
 * lost connection; when the reader itself fails, a new one resumes after the last message read.
 */
export function readForever<T>(options: ReadForeverOptions<T>): { isReading(): boolean; close(): Promise<void> } {
  let reader: Reader<T> | undefined;
  let last: MessageId | undefined;
  let closed = false;
  const readOnce = async (): Promise<void> => {
    const created = await options.client.createReader({
      topic: options.topic,
      startMessageId: last ?? 'latest',
      schema: options.schema,
    });
    // Closed while the reader was being created (broker away): it closes itself on arrival.
    if (closed) return created.close();
    reader = created;
    options.log('info', 'reading events', { topic: options.topic, from: last ? 'last read' : 'latest' });
    for await (const message of created) {
      last = message.messageId;
      options.onMessage(message);
    }
  };
  void (async () => {
    while (!closed) {
      await readOnce().catch((error: Error) => {
        // The client itself was closed (shutdown): there is nothing left to retry with.
        if (isPulsarError(error, 'AlreadyClosed')) closed = true;
        if (!closed)
          options.log('warn', 'event reader failed; retrying', { topic: options.topic, error: error.message });
      });
      reader = undefined;
      if (!closed) await new Promise((resolve) => setTimeout(resolve, options.retryMs));
    }
  })();
  return {
    isReading: () => reader !== undefined && !closed,
    close: async () => {
      closed = true;
      await reader?.close();
    },
  };
}
