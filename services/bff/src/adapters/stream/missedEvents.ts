import { compareMessageIds, isPulsarError } from '@alpes/pulsar';
import type { Message, MessageId } from '@alpes/pulsar';
import type { EventoSaga } from '@alpes/contracts';
import type { SagaEventHub } from './sagaEventHub.ts';
import { toStreamEvent } from './streamEvent.ts';
import type { StreamEvent } from './streamEvent.ts';

const IDLE_MS = 1000;

/**
 * The events after `from` read back from Pulsar, up to (excluding) `until` — the oldest event still in the
 * hub's buffer — or, without `until`, up to the end of the topic now. A resume older than the buffer goes
 * through here; the reader is closed however the iteration ends.
 */
export async function* missedEvents(hub: SagaEventHub, from: MessageId, until: MessageId | undefined): AsyncGenerator<StreamEvent> {
  const reader = await hub.readAfter(from);
  try {
    if (!(await reader.hasMessageAvailable())) return;
    for (;;) {
      const message = await reader.readNext(IDLE_MS).catch((error: unknown) => {
        if (isPulsarError(error, 'Timeout')) return undefined;
        throw error;
      });
      if (message === undefined) {
        if (await reader.hasMessageAvailable()) continue;
        return;
      }
      if (until && compareMessageIds(message.messageId, until) >= 0) return;
      const event = skippingUndecodable(message);
      if (event) yield event;
    }
  } finally {
    await reader.close();
  }
}

/** A message that does not decode is skipped here as the live hub skips it (and logs it). */
function skippingUndecodable(message: Message<EventoSaga>): StreamEvent | undefined {
  try {
    return toStreamEvent(message);
  } catch {
    return undefined;
  }
}
