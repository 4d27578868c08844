/** The services that produce or consume messages (ARCHITECTURE §2). */
export type ServiceName = 'bff' | 'influencers' | 'campanas' | 'contratos' | 'saga';

/** A command asks one service to do something; an event says something happened. */
export type MessageKind = 'command' | 'event';

/** Schema versions as named in `avro/<topic>/<version>.avsc`. */
export type SchemaVersion = 'v1' | 'v2';

export interface Subscription {
  readonly service: ServiceName;
  readonly subscription: string;
}

/** One topic: one record type, with every schema version ever registered for it, oldest first. */
export interface TopicSpec {
  readonly recordName: string;
  readonly payloadName: string;
  /** Value of the envelope field `message_type` (the domain name of the message). */
  readonly messageType: string;
  readonly kind: MessageKind;
  /** Paths of the `.avsc` files, relative to the package root; registered in Pulsar in this order. */
  readonly versions: Readonly<Partial<Record<SchemaVersion, string>>>;
  readonly latest: SchemaVersion;
  readonly producer: ServiceName;
  readonly consumers: readonly Subscription[];
  /** Path in the record of the message key (the aggregate id, ARCHITECTURE §4). */
  readonly key: readonly [string] | readonly [string, string];
  /** True when the original Python system used this topic (its v1 is then the original record, byte for byte). */
  readonly original: boolean;
  readonly description: string;
}

export function avscPath(topic: string, version: SchemaVersion): string {
  return `avro/${topic}/${version}.avsc`;
}
