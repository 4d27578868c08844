import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freshNamespace } from '@alpes/infra/testing';
import { avroSchema, isPulsarError } from '../src/index.ts';
import { newClient, receiveN, testAdmin } from './support.ts';

const test = suite('schema evolution');
const client = newClient();
const admin = testAdmin();

const v1 = {
  type: 'record',
  name: 'CampanaCreada',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'monto', type: 'double' },
  ],
};
const v2 = { ...v1, fields: [...v1.fields, { name: 'correlation_id', type: ['null', 'string'], default: null }] };
const broken = {
  ...v1,
  fields: [
    { name: 'id', type: 'long' },
    { name: 'monto', type: 'double' },
  ],
};

interface V2 {
  id: string;
  monto: number;
  correlation_id: string | null;
}

test('v1 then a compatible v2 are registered; an incompatible change is refused with IncompatibleSchema', async () => {
  const ns = await freshNamespace('pulsar-schema');
  await admin.setSchemaCompatibility(ns, 'BACKWARD');
  const topic = `persistent://${ns}/campanas`;
  const p1 = await client.createProducer({ topic, schema: avroSchema(v1), batching: false });
  await p1.send({ value: { id: 'c1', monto: 10.5 } });

  try {
    await client.createProducer({ topic, schema: avroSchema(broken) });
    assert.unreachable('incompatible schema accepted');
  } catch (e) {
    assert.ok(isPulsarError(e, 'IncompatibleSchema'), String(e));
    assert.match((e as Error).message, /add new fields with defaults/);
  }

  const p2 = await client.createProducer({ topic, schema: avroSchema(v2), batching: false });
  await p2.send({ value: { id: 'c2', monto: 20, correlation_id: 'saga-1' } });
  const versions = await admin.getAllSchemas(topic);
  assert.is(versions.length, 2);
  assert.equal(JSON.parse(versions[1]?.data ?? '{}'), v2);

  const reader = await client.subscribe({
    topic,
    subscription: 'v2-reader',
    initialPosition: 'Earliest',
    schema: avroSchema<V2>(v2),
  });
  const [a, b] = await receiveN(reader, 2);
  assert.is(a?.schemaVersion, 0);
  assert.equal([a?.value.id, a?.value.monto, a?.value.correlation_id], ['c1', 10.5, null]);
  assert.is(b?.schemaVersion, 1);
  assert.equal([b?.value.id, b?.value.monto, b?.value.correlation_id], ['c2', 20, 'saga-1']);

  const oldReader = await client.subscribe({
    topic,
    subscription: 'v1-reader',
    initialPosition: 'Earliest',
    schema: avroSchema<{ id: string }>(v1),
  });
  const both = await receiveN(oldReader, 2);
  assert.equal(
    both.map((m) => m.value.id),
    ['c1', 'c2'],
  );
  await Promise.all([p1.close(), p2.close(), reader.close(), oldReader.close()]);
});

test.after(() => client.close());
test.run();
