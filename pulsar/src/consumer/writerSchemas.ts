import type { Connection } from '../connection/connection.ts';
import { PulsarError } from '../errors.ts';
import { CommandType as T } from '../proto/types.ts';
import type { ReceivedMessage } from './message.ts';

/**
 * Writer schemas by schema version, fetched once with GET_SCHEMA and cached, so each message is decoded
 * with the schema it was written with, resolved to the consumer's reader schema.
 */
export class WriterSchemas {
  private readonly cache = new Map<string, Promise<string>>();
  private readonly topic: string;
  private readonly needed: boolean;

  constructor(topic: string, schemaKind: 'avro' | 'bytes') {
    this.topic = topic;
    this.needed = schemaKind === 'avro';
  }

  /**
   * Sets `m.writerDefinition` (or `m.schemaError`) before the message is handed out. Returns undefined when
   * there is nothing to fetch, so the receive hot path (bytes, or no schema version) costs no extra await.
   */
  prepare(m: ReceivedMessage<unknown>, conn: Connection | undefined): Promise<void> | undefined {
    const version = m.schemaVersionBytes;
    if (!this.needed || !version?.length || m.writerDefinition !== undefined) return undefined;
    return this.resolve(m, version, conn);
  }

  private async resolve(m: ReceivedMessage<unknown>, version: Uint8Array, conn: Connection | undefined): Promise<void> {
    const key = Buffer.from(version).toString('hex');
    let def = this.cache.get(key);
    if (!def) {
      def = this.fetch(version, conn);
      this.cache.set(key, def);
      def.catch(() => this.cache.delete(key));
    }
    try {
      m.writerDefinition = await def;
    } catch (e) {
      m.schemaError = new PulsarError(
        'SchemaDecodeError',
        `cannot fetch writer schema version ${m.schemaVersion} of ${this.topic}: ${(e as Error).message}`,
        { cause: e },
      );
    }
  }

  private async fetch(version: Uint8Array, conn: Connection | undefined): Promise<string> {
    if (!conn || conn.closed) throw new PulsarError('NotConnected', 'no broker connection to fetch the schema');
    const requestId = conn.newRequestId();
    const res = await conn.request(
      { type: T.GET_SCHEMA, getSchema: { requestId, topic: this.topic, schemaVersion: version } },
      requestId,
      `get schema of ${this.topic}`,
    );
    const data = res.getSchemaResponse?.schema?.schemaData;
    if (!data)
      throw new PulsarError(
        'SchemaDecodeError',
        `broker returned no schema for version ${Buffer.from(version).toString('hex')}`,
      );
    return Buffer.from(data).toString('utf8');
  }
}
