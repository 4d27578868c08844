import type { BackoffOptions } from './backoff.ts';
import type { Connection } from './connection/connection.ts';
import { lookupTopic, partitionCount } from './connection/lookup.ts';
import type { ConnectionPool } from './connection/pool.ts';
import type { BrokerAddress } from './connection/socket.ts';
import type { Logger } from './logger.ts';

/** What producers and consumers share with their client. */
export interface ClientContext {
  readonly pool: ConnectionPool;
  readonly service: BrokerAddress;
  readonly logger: Logger;
  readonly operationTimeoutMs: number;
  readonly backoff: BackoffOptions;
  newId(): number;
  /** Registers something to close with the client; returns the unregister function. */
  track(closable: { close(): Promise<void> }): () => void;
}

/** Looks the topic up and returns the connection to its owner broker. */
export async function connectionFor(ctx: ClientContext, topic: string): Promise<Connection> {
  const owner = await lookupTopic(ctx.pool, ctx.service, topic);
  return ctx.pool.get(owner);
}

export function partitionsOf(ctx: ClientContext, topic: string): Promise<number> {
  return partitionCount(ctx.pool, ctx.service, topic);
}
