import { PulsarError } from '../errors.ts';
import { CommandType as T } from '../proto/types.ts';
import type { ConnectionPool } from './pool.ts';
import { parseServiceUrl } from './socket.ts';
import type { BrokerAddress } from './socket.ts';

const MAX_REDIRECTS = 20;
const REDIRECT = 0;
const CONNECT = 1;

/**
 * Binary lookup: asks the service URL which broker owns `topic`, following Redirect answers (re-asking the
 * broker named there, with the `authoritative` flag it returned) until one says Connect.
 */
export async function lookupTopic(pool: ConnectionPool, service: BrokerAddress, topic: string): Promise<BrokerAddress> {
  let target = service;
  let authoritative = false;
  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    const conn = await pool.get(target);
    const requestId = conn.newRequestId();
    const res = await conn.request(
      { type: T.LOOKUP, lookupTopic: { topic, requestId, authoritative } },
      requestId,
      `lookup of ${topic}`,
    );
    const r = res.lookupTopicResponse;
    if (!r) throw new PulsarError('ProtocolError', `lookup of ${topic}: unexpected answer type ${res.type}`);
    const url = service.tls ? r.brokerServiceUrlTls : r.brokerServiceUrl;
    if (!url)
      throw new PulsarError(
        'LookupFailed',
        `lookup of ${topic}: broker returned no ${service.tls ? 'TLS ' : ''}service URL`,
      );
    if (r.response === CONNECT) return r.proxyThroughServiceUrl ? service : parseServiceUrl(url);
    if (r.response !== REDIRECT)
      throw new PulsarError('LookupFailed', `lookup of ${topic}: unexpected response ${r.response}`);
    target = r.proxyThroughServiceUrl ? service : parseServiceUrl(url);
    authoritative = r.authoritative ?? false;
  }
  throw new PulsarError('LookupFailed', `lookup of ${topic}: more than ${MAX_REDIRECTS} redirects`);
}

/** Number of partitions of `topic`; 0 for a non-partitioned topic. */
export async function partitionCount(pool: ConnectionPool, service: BrokerAddress, topic: string): Promise<number> {
  const conn = await pool.get(service);
  const requestId = conn.newRequestId();
  const res = await conn.request(
    { type: T.PARTITIONED_METADATA, partitionMetadata: { topic, requestId } },
    requestId,
    `partition metadata of ${topic}`,
  );
  return res.partitionMetadataResponse?.partitions ?? 0;
}
