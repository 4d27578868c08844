import avro from 'avsc';
import type { PulsarAdmin, SchemaInfo } from '@alpes/infra/pulsarAdmin';

/** Decodes payloads with the topic's registered schema versions (fetched once each); undefined when it cannot. */
export function createDecoder(admin: PulsarAdmin, topic: string) {
  const types = new Map<number | undefined, Promise<avro.Type | undefined>>();
  const typeOf = (version: number | undefined) => {
    let type = types.get(version);
    if (!type) {
      type = admin.getSchema(topic, version).then(toType, () => undefined);
      types.set(version, type);
    }
    return type;
  };
  return {
    schemaOf: (version: number | undefined): Promise<SchemaInfo | undefined> =>
      admin.getSchema(topic, version).catch(() => undefined),
    decode: async (payload: Uint8Array, version: number | undefined): Promise<unknown> => {
      const type = await typeOf(version);
      if (!type) return undefined;
      try {
        return type.fromBuffer(Buffer.from(payload));
      } catch {
        return undefined;
      }
    },
  };
}

function toType(info: SchemaInfo): avro.Type | undefined {
  if (info.type.toUpperCase() !== 'AVRO') return undefined;
  return avro.Type.forSchema(JSON.parse(info.data) as avro.Schema);
}

/** JSON text of a decoded Avro value (bytes as hex, longs as numbers). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return Number(v);
    if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer')
      return Buffer.from((v as { data: number[] }).data).toString('hex');
    return v;
  });
}
