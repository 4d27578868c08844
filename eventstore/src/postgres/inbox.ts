import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import type { Tables } from './tables.ts';

/**
 * Records a processed message id in the caller's transaction. Returns false when it was already there
 * (the message is a duplicate). A concurrent uncommitted insert of the same id makes this wait for it.
 */
export async function recordInboxWith(
  db: CommonQueryMethods,
  tables: Tables,
  entry: { messageId: string; consumer?: string | undefined },
): Promise<boolean> {
  const inserted = await db.maybeOneFirst(sql.type(z.object({ message_id: z.string() }))`
    insert into ${tables.inbox} (message_id, consumer) values (${entry.messageId}, ${entry.consumer ?? ''})
    on conflict (message_id) do nothing
    returning message_id`);
  return inserted !== null;
}
