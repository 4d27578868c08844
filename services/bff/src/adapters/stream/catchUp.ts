import { compareMessageIds } from '@alpes/pulsar';
import type { MessageId } from '@alpes/pulsar';
import { matchesCorrelation } from '../../domain/streamEvent.ts';
import type { SseConnection } from '../http/sseConnection.ts';
import { missedEvents } from './missedEvents.ts';
import type { ReaderSlots } from './readerSlots.ts';
import type { SagaEventHub } from './sagaEventHub.ts';

export interface CatchUpDeps {
  readonly hub: SagaEventHub;
  readonly slots: ReaderSlots;
  /** Most messages one catch-up reads back from Pulsar before it answers `event: reset`. */
  readonly replayWindow: number;
}

/** Where a stream starts: after a `Last-Event-ID`, or at a saga's first message; and which saga it shows. */
export interface StartPoint {
  readonly from: MessageId | undefined;
  readonly inclusive: boolean;
  readonly filter: string | undefined;
}

/**
 * Replays what the client missed: events older than the buffer come from a Pulsar reader (one of a few
 * shared slots, waited for), the rest from the buffer. A range longer than the replay window ends in a reset.
 */
export async function catchUp(connection: SseConnection, deps: CatchUpDeps, start: StartPoint): Promise<void> {
  if (start.from === undefined) return;
  const recent = deps.hub.recent();
  const oldest = recent[0]?.messageId;
  if (oldest === undefined || compareMessageIds(start.from, oldest) < 0) {
    const release = await deps.slots.acquire();
    try {
      if (connection.closed) return;
      const range = { from: start.from, inclusive: start.inclusive, until: oldest, window: deps.replayWindow };
      for await (const event of missedEvents(deps.hub, range)) {
        if (connection.closed) return;
        if (event === 'reset') return connection.reset();
        if (matchesCorrelation(start.filter, event.idCorrelacion)) await connection.replay(event);
      }
    } finally {
      release();
    }
  }
  for (const event of recent) {
    if (matchesCorrelation(start.filter, event.idCorrelacion)) await connection.replay(event);
  }
}
