import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PulsarAdminError } from '@alpes/infra';
import { freshNamespace, testAdmin, testInfra } from '@alpes/infra/testing';
import { catalogue, schemaFor, schemaText, topicNames, versionsOf } from '@alpes/contracts';
import type { TopicName } from '@alpes/contracts';

// The second compatibility check, by Pulsar itself (ARCHITECTURE §4): every version of every topic registered in
// order on a fresh topic of a namespace set to FULL, and an incompatible change refused.
interface AvroField {
  name: string;
  type: unknown;
  default?: unknown;
}
interface AvroRecord {
  type: 'record';
  name: string;
  fields: AvroField[];
}

const adminUrl = testInfra().pulsarAdminUrl;
const admin = testAdmin();
const namespace = await freshNamespace('contracts');
await admin.setSchemaCompatibility(namespace, 'FULL');
const created: string[] = [];

async function freshTopic(topic: TopicName): Promise<string> {
  const full = `persistent://${namespace}/${topic}`;
  await admin.createTopic(full);
  created.push(full);
  return full;
}

const avro = (schema: string) => ({ type: 'AVRO', schema });
const versionNumber = (answer: { version: { version: number } | number }) =>
  typeof answer.version === 'number' ? answer.version : answer.version.version;

/** The HTTP status with which Pulsar refuses to register `schema`, or 0 when it registers it. */
async function uploadStatus(topic: string, schema: string): Promise<number> {
  try {
    await admin.uploadSchema(topic, avro(schema));
    return 0;
  } catch (error) {
    if (error instanceof PulsarAdminError) return error.status;
    throw error;
  }
}

/**
 * Pulsar's compatibility test answers `{compatibility: true}` for a compatible schema, but for an incompatible one
 * Pulsar 4.0 answers 500 with an IncompatibleSchemaException instead of `false`; both count as a verdict.
 */
async function compatible(topic: string, schema: string): Promise<boolean> {
  try {
    return (await admin.testCompatibility(topic, avro(schema))).compatibility;
  } catch (error) {
    if (error instanceof PulsarAdminError && /IncompatibleSchemaException/.test(error.message)) return false;
    throw error;
  }
}

/** The latest schema of `topic` with one edit, each of which Avro resolution forbids in at least one direction. */
function incompatible(topic: TopicName, change: 'field without default' | 'payload type change'): AvroRecord {
  const schema = structuredClone(schemaFor(topic, catalogue[topic].latest)) as unknown as AvroRecord;
  if (change === 'field without default') {
    schema.fields.push({ name: 'canal', type: ['null', 'string'] });
  } else {
    const payload = (schema.fields[0]!.type as [string, AvroRecord])[1];
    payload.fields[0]!.type = ['null', 'int'];
  }
  return schema;
}

const pulsar = suite('Pulsar accepts every version in order under FULL and refuses incompatible changes');

pulsar('the namespace really is FULL', async () => {
  const answer = await fetch(`${adminUrl}/admin/v2/namespaces/${namespace}/schemaCompatibilityStrategy`);
  assert.is(await answer.text(), '"FULL"');
});

for (const topic of topicNames) {
  pulsar(
    `${topic}: ${versionsOf(topic).join(' → ')} registered as schema versions 0…n, text kept verbatim`,
    async () => {
      const full = await freshTopic(topic);
      for (const [index, version] of versionsOf(topic).entries()) {
        if (index > 0) assert.ok(await compatible(full, schemaText(topic, version)), version);
        assert.is(versionNumber(await admin.uploadSchema(full, avro(schemaText(topic, version)))), index, version);
        assert.is((await admin.getSchema(full, index)).data, schemaText(topic, version));
      }
      // The text a Python producer sends for v1 is this very text: the broker recognises it instead of adding a version.
      assert.is(versionNumber(await admin.uploadSchema(full, avro(schemaText(topic, 'v1')))), 0);

      for (const change of ['field without default', 'payload type change'] as const) {
        const schema = JSON.stringify(incompatible(topic, change), null, 1);
        assert.not.ok(await compatible(full, schema), change);
        assert.is(await uploadStatus(full, schema), 409, change);
      }
      assert.is((await admin.getAllSchemas(full)).length, versionsOf(topic).length);
    },
  );
}

pulsar.after(async () => {
  for (const topic of created) await admin.deleteTopic(topic);
  const answer = await fetch(`${adminUrl}/admin/v2/namespaces/${namespace}`, { method: 'DELETE' });
  assert.ok(answer.ok, `deleting ${namespace}: ${answer.status}`);
});

pulsar.run();
