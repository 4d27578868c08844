import { isTopicName, schemaText, versionsOf, type SchemaVersion } from '@alpes/contracts';

/** Avro text of a catalogue topic's version; undefined for topics outside the catalogue (sent as bytes). */
export function catalogueSchemaResolver(topic: string, version: number): string | undefined {
  const short = topic.split('/').pop() ?? topic;
  if (!isTopicName(short)) return undefined;
  const wanted = `v${version}` as SchemaVersion;
  if (!versionsOf(short).includes(wanted))
    throw new Error(`outbox row for ${short} names schema v${version}, which the catalogue lacks`);
  return schemaText(short, wanted);
}
