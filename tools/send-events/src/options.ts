import { parseArgs } from 'node:util';
import {
  isTopicName,
  latestVersion,
  topicNames,
  versionsOf,
  type SchemaVersion,
  type TopicName,
} from '@alpes/contracts';
import { isPresetName, presetNames, presets, type PresetName } from './presets.ts';
import { parseAssignment, type Assignment } from './setPath.ts';
import { UsageError } from './usageError.ts';

export type Source =
  | { readonly kind: 'preset'; readonly preset: PresetName }
  | { readonly kind: 'sample' }
  | { readonly kind: 'file'; readonly path: string };

export interface Options {
  /** The catalogue topic whose schema the records follow. */
  readonly schemaTopic: TopicName;
  /** Where they are sent: the catalogue topic itself unless `--topic` names another (e.g. a test topic). */
  readonly topic: string;
  readonly source: Source;
  readonly assignments: readonly Assignment[];
  /** Messages to send; undefined = one per input record (1 for a preset or sample). */
  readonly count: number | undefined;
  /** Messages per second; undefined = as fast as the broker takes them. */
  readonly rate: number | undefined;
  readonly version: SchemaVersion;
  readonly seed: number | undefined;
  readonly dryRun: boolean;
  readonly pulsarUrl: string;
  readonly token: string | undefined;
  /** PEM file of the broker's CA, for pulsar+ssl:// with a private CA (secure mode). */
  readonly tlsCaFile: string | undefined;
  readonly timeoutMs: number;
}

const spec = {
  preset: { type: 'string' },
  topic: { type: 'string' },
  'schema-of': { type: 'string' },
  file: { type: 'string' },
  set: { type: 'string', multiple: true },
  count: { type: 'string' },
  rate: { type: 'string' },
  'schema-version': { type: 'string' },
  seed: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'pulsar-url': { type: 'string' },
  token: { type: 'string' },
  'tls-ca': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function positiveNumber(flag: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || (integer && !Number.isSafeInteger(number))) {
    throw new UsageError(
      `--${flag} expects a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(value)}`,
    );
  }
  return number;
}

function unknownTopic(name: string): UsageError {
  return new UsageError(
    `unknown topic ${JSON.stringify(name)}; the catalogue topics are:\n  ${topicNames.join('\n  ')}\n` +
      'to send to another topic, name the schema with --schema-of <catalogue topic> (or use a preset)',
  );
}

function schemaTopicOf(values: { topic?: string; 'schema-of'?: string }, preset: PresetName | undefined): TopicName {
  const named = values['schema-of'] ?? (preset === undefined ? values.topic : undefined);
  if (named === undefined) return presets[preset ?? 'crear-influencer'].topic;
  const short = named.replace(/^persistent:\/\/public\/default\//, '');
  if (!isTopicName(short)) throw unknownTopic(named);
  if (preset !== undefined && presets[preset].topic !== short) {
    throw new UsageError(`preset ${preset} sends ${presets[preset].topic} records, not ${short}`);
  }
  return short;
}

function versionOf(topic: TopicName, requested: string | undefined): SchemaVersion {
  if (requested === undefined) return latestVersion(topic);
  const versions: readonly string[] = versionsOf(topic);
  if (!versions.includes(requested)) {
    throw new UsageError(`--schema-version ${requested}: ${topic} has ${versions.join(', ')}`);
  }
  return requested as SchemaVersion;
}

function presetOf(named: string | undefined): PresetName | undefined {
  if (named === undefined) return undefined;
  if (!isPresetName(named))
    throw new UsageError(`unknown preset ${JSON.stringify(named)}; presets: ${presetNames.join(', ')}`);
  return named;
}

/** Parses argv (without node and script); `undefined` means `--help` was asked for. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return undefined;
  if (positionals.length > 1) throw new UsageError(`one preset at most, got ${positionals.join(' ')}`);
  const preset = presetOf(values.preset ?? positionals[0]);
  if (preset !== undefined && values.file !== undefined) throw new UsageError('--file and a preset exclude each other');
  if (values.file !== undefined && values.topic === undefined && values['schema-of'] === undefined) {
    throw new UsageError(
      '--file needs --topic <catalogue topic> (or --schema-of <catalogue topic>) to know the schema',
    );
  }
  const schemaTopic = schemaTopicOf(values, preset);
  const source: Source =
    values.file !== undefined
      ? { kind: 'file', path: values.file }
      : preset !== undefined || (values.topic === undefined && values['schema-of'] === undefined)
        ? { kind: 'preset', preset: preset ?? 'crear-influencer' }
        : { kind: 'sample' };
  return {
    schemaTopic,
    topic: values.topic ?? schemaTopic,
    source,
    assignments: (values.set ?? []).map(parseAssignment),
    count: positiveNumber('count', values.count, true),
    rate: positiveNumber('rate', values.rate, false),
    version: versionOf(schemaTopic, values['schema-version']),
    seed: values.seed === undefined ? undefined : seedOf(values.seed),
    dryRun: values['dry-run'] === true,
    pulsarUrl: pulsarUrlOf(values['pulsar-url'] ?? env['PULSAR_URL'] ?? 'pulsar://127.0.0.1:6650'),
    token: values.token ?? (env['PULSAR_TOKEN'] || undefined),
    tlsCaFile: values['tls-ca'] ?? (env['PULSAR_TLS_CA'] || undefined),
    timeoutMs: positiveNumber('timeout', values.timeout, true) ?? 10_000,
  };
}

function seedOf(value: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) >= 2 ** 32)
    throw new UsageError(`--seed expects an integer in 0..4294967295, got ${JSON.stringify(value)}`);
  return Number(value);
}

function pulsarUrlOf(value: string): string {
  if (!/^pulsar(\+ssl)?:\/\/[^/\s]+/.test(value))
    throw new UsageError(
      `--pulsar-url expects pulsar://host:port or pulsar+ssl://host:port, got ${JSON.stringify(value)}`,
    );
  return value;
}
