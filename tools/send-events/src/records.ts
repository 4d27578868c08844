import { avroType, envelopeFields, messageKey, samples, type TopicName, type TopicRecords } from '@alpes/contracts';
import type avro from 'avsc';
import { conform } from './conform.ts';
import { fillEnvelope } from './envelope.ts';
import type { Options } from './options.ts';
import { presets, type WireRecord } from './presets.ts';
import type { Random } from './random.ts';
import { applyAssignments } from './setPath.ts';
import { UsageError } from './usageError.ts';

export interface Outgoing {
  /** Exactly what is encoded: the record shaped to the chosen schema version. */
  readonly record: WireRecord;
  /** The aggregate id (catalogue key path), read before older versions drop fields. */
  readonly key: string | undefined;
  readonly eventTime: number;
}

/** The i-th message of a run. Records from a file are reused in turn when `--count` asks for more. */
export type Messages = (index: number) => Outgoing;

function sampleWithoutEnvelope(topic: TopicName): WireRecord {
  const record: WireRecord = structuredClone(samples[topic]) as unknown as WireRecord;
  for (const field of envelopeFields) record[field] = null;
  return record;
}

function hasEnvelope(options: Options): boolean {
  return (avroType(options.schemaTopic, options.version) as avro.types.RecordType).fields.some(
    (field) => field.name === 'message_id',
  );
}

/**
 * The messages of a run: preset, sample or file records, then `--set`, then (for a schema with the envelope) the
 * envelope fields still null, then shaped and validated against the chosen version (a `UsageError` names the field).
 */
export function messages(
  options: Options,
  deps: { random: Random; now: () => Date; fileRecords?: readonly WireRecord[] },
): Messages {
  const { source, schemaTopic: topic } = options;
  const envelope = hasEnvelope(options);
  const base = (index: number, at: Date): WireRecord => {
    if (source.kind === 'preset') return presets[source.preset].build(deps.random, at);
    if (source.kind === 'sample') return sampleWithoutEnvelope(topic);
    const records = deps.fileRecords ?? [];
    return records[index % records.length] as WireRecord;
  };
  return (index) => {
    const at = deps.now();
    const assigned = applyAssignments(base(index, at), options.assignments);
    const complete = envelope ? fillEnvelope(topic, assigned, { random: deps.random, at }) : assigned;
    const record =
      source.kind === 'file'
        ? conformNumbered(index, () => conform(topic, options.version, complete))
        : conform(topic, options.version, complete);
    const key = messageKey(topic, complete as unknown as TopicRecords[typeof topic]);
    const occurredAt = record['occurred_at'];
    return { record, key, eventTime: typeof occurredAt === 'number' ? occurredAt : at.getTime() };
  };
}

function conformNumbered(index: number, work: () => WireRecord): WireRecord {
  try {
    return work();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`input record ${index + 1}: ${error.message}`);
    throw error;
  }
}
