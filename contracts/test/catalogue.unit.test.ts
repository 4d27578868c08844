import { existsSync, readdirSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Schema } from 'avsc';
import {
  avroType,
  catalogue,
  fullTopicName,
  isTopicName,
  latestVersion,
  messageKey,
  samples,
  schemaFor,
  topicNames,
  versionsOf,
} from '@alpes/contracts';

const packageRoot = new URL('../', import.meta.url);
interface AvroRecord {
  name: string;
  fields: { name: string; type: unknown }[];
}
const record = (schema: Schema) => schema as unknown as AvroRecord;

const topics = suite('topic catalogue');

topics('names the 8 original topics and the 8 new ones, in the original naming style', () => {
  assert.is(topicNames.length, 16);
  for (const topic of topicNames) assert.match(topic, /^(eventos|comandos)-[a-z]+(-[a-z0-9]+)*$/);
  assert.ok(isTopicName('eventos-contratos'));
  assert.not.ok(isTopicName('eventos-reportes'));
});

topics('every .avsc under avro/ is a version of its topic, and every version has its file', () => {
  const onDisk = readdirSync(new URL('avro/', packageRoot)).flatMap((dir) =>
    readdirSync(new URL(`avro/${dir}/`, packageRoot)).map((file) => `avro/${dir}/${file}`),
  );
  const listed = topicNames.flatMap((t) => Object.values(catalogue[t].versions));
  assert.equal([...listed].sort(), onDisk.sort());
  for (const path of listed) assert.ok(existsSync(new URL(path, packageRoot)), path);
});

topics('versions are v1, v2, … without gaps, the latest last; record and payload names match the files', () => {
  for (const topic of topicNames) {
    const versions = versionsOf(topic);
    assert.equal(
      versions,
      versions.map((_, i) => `v${i + 1}`),
      topic,
    );
    assert.is(latestVersion(topic), versions.at(-1), topic);
    for (const version of versions) {
      const schema = record(schemaFor(topic, version));
      assert.is(schema.name, catalogue[topic].recordName, `${topic} ${version}`);
      assert.is(
        (schema.fields[0]?.type as [string, AvroRecord])[1].name,
        catalogue[topic].payloadName,
        `${topic} ${version}`,
      );
    }
  }
});

topics('message types are unique; the saga listens to every event but its own, and to the creation request', () => {
  const types = topicNames.map((t) => catalogue[t].messageType);
  assert.is(new Set(types).size, types.length);
  for (const topic of topicNames.filter((t) => catalogue[t].kind === 'event' && catalogue[t].producer !== 'saga')) {
    assert.ok(
      catalogue[topic].consumers.some((c) => c.service === 'saga'),
      topic,
    );
  }
  assert.ok(
    catalogue['eventos-crear-influencer'].consumers.some((c) => c.service === 'saga'),
    'the saga starts on the creation request',
  );
});

topics('every command has exactly one executing service, which is not its producer', () => {
  for (const topic of topicNames.filter((t) => catalogue[t].kind === 'command')) {
    const spec = catalogue[topic];
    // The saga also observes the registration request, to time the first step; it does not execute it.
    const executors = spec.consumers.filter((c) => !(topic === 'eventos-crear-influencer' && c.service === 'saga'));
    assert.is(new Set(executors.map((c) => c.service)).size, 1, topic);
    assert.is.not(spec.consumers[0]?.service, spec.producer, topic);
  }
});

topics('fullTopicName puts a short name in public/default', () => {
  assert.is(fullTopicName('eventos-campanas'), 'persistent://public/default/eventos-campanas');
});

topics('the sample of every topic is a valid latest record, of its message type, with a message key', () => {
  for (const topic of topicNames) {
    const sample = samples[topic];
    assert.ok(avroType(topic, latestVersion(topic)).isValid(sample, { noUndeclaredFields: true }), topic);
    assert.is(sample.message_type, catalogue[topic].messageType, topic);
    assert.type(messageKey(topic, sample), 'string', topic);
  }
});

topics('the key of a command to create a contract is the contract id the saga chose (v2 field)', () => {
  assert.is(
    messageKey('comandos-contratos-v2', samples['comandos-contratos-v2']),
    samples['comandos-contratos-v2'].id_contrato,
  );
  assert.is(messageKey('eventos-influencers', { ...samples['eventos-influencers'], data: null }), undefined);
});

topics('avroType is built once per version; schemaFor hands out copies', () => {
  assert.is(avroType('eventos-campanas', 'v1'), avroType('eventos-campanas', 'v1'));
  const copy = record(schemaFor('eventos-campanas', 'v1'));
  copy.name = 'changed';
  assert.is(record(schemaFor('eventos-campanas', 'v1')).name, 'EventoCampanaCreada');
});

topics.run();
