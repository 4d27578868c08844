import { compareMessageIds, messageIdToString } from '@alpes/pulsar';
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
  /** Age of the oldest message a catch-up replays; an older resume point is answered `event: reset`. */
  readonly replayWindowMs: number;
  /** Resume points already found older than the window: they stay so, and need no reader again. */
  readonly stale: StaleResumes;
}

/** A bounded memory of resume points (message ids as text) known to be older than the replay window. */
export interface StaleResumes {
  has(id: string): boolean;
  add(id: string): void;
}

export function createStaleResumes(size = 10_000): StaleResumes {
  const known = new Set<string>();
  return {
    has: (id) => known.has(id),
    add: (id) => {
      known.add(id);
      if (known.size > size) known.delete(known.values().next().value as string);
    },
  };
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
    const key = `${messageIdToString(start.from)}${start.inclusive ? '+' : ''}`;
    // 3 000 clients resuming from the same old point cost one reader, not 3 000 (issue 16).
    if (deps.stale.has(key)) return connection.reset();
    const release = await deps.slots.acquire();
    try {
      if (connection.closed) return;
      // Found stale while this one waited for its slot.
      if (deps.stale.has(key)) return connection.reset();
      const range = {
        from: start.from,
        inclusive: start.inclusive,
        until: oldest,
        window: deps.replayWindow,
        notBefore: Date.now() - deps.replayWindowMs,
      };
      for await (const event of missedEvents(deps.hub, range)) {
        if (connection.closed) return;
        if (event === 'reset') {
          deps.stale.add(key);
          return connection.reset();
        }
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
