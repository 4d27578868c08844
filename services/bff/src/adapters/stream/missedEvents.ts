import { compareMessageIds, isPulsarError } from '@alpes/pulsar';
import type { Message, MessageId } from '@alpes/pulsar';
import type { EventoSaga } from '@alpes/contracts';
import type { SagaEventHub } from './sagaEventHub.ts';
import { toStreamEvent } from './streamEvent.ts';
import type { StreamEvent } from './streamEvent.ts';

const IDLE_MS = 1000;

export interface MissedRange {
  readonly from: MessageId;
  /** Start at `from` itself (a saga's first message) rather than right after it (a `Last-Event-ID`). */
  readonly inclusive: boolean;
  /** The oldest event still in the hub's buffer (excluded); without it, up to the end of the topic now. */
  readonly until: MessageId | undefined;
  /** Most messages read back; past it the range yields `'reset'` and ends (issue 16: no replay of a whole topic). */
  readonly window: number;
  /** A first message published before this instant (epoch ms) makes the whole range a `'reset'`. */
  readonly notBefore: number;
}

/**
 * The events of a range read back from Pulsar. A resume older than the buffer goes through here; the reader
 * is closed however the iteration ends.
 */
export async function* missedEvents(hub: SagaEventHub, range: MissedRange): AsyncGenerator<StreamEvent | 'reset'> {
  const reader = await hub.readAfter(range.from, range.inclusive);
  let read = 0;
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
      if (range.until && compareMessageIds(message.messageId, range.until) >= 0) return;
      read += 1;
      if (read > range.window || (read === 1 && message.publishTime < range.notBefore)) {
        yield 'reset';
        return;
      }
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
