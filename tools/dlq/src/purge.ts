import type { PulsarClient } from '@alpes/pulsar';
import type { DeadLetterTopic } from './inventory.ts';
import { withDeadLetters } from './peek.ts';

/** Acknowledges the dead letters counted in `dead.depth` (those that arrive meanwhile stay); returns how many. */
export async function purgeDeadLetters(client: PulsarClient, dead: DeadLetterTopic): Promise<number> {
  return withDeadLetters(client, dead, dead.depth, async (messages) => {
    for (const m of messages) m.ack();
    return messages.length;
  });
}
