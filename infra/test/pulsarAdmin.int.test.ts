import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { testAdmin, uniqueTopic, freshNamespace } from '@alpes/infra/testing';
import { PulsarAdminError } from '@alpes/infra';

const test = suite('Pulsar standalone through the admin REST API');

test('broker health and cluster', async () => {
  const admin = testAdmin();
  await admin.health();
  assert.equal(await admin.clusters(), ['standalone']);
});

test('creates a topic and reads its stats', async () => {
  const admin = testAdmin();
  const topic = uniqueTopic('infra-admin');
  await admin.createTopic(topic);
  await admin.createSubscription(topic, 'probe');
  const stats = await admin.topicStats(topic);
  assert.is(stats.msgInCounter, 0);
  assert.equal(Object.keys(stats.subscriptions), ['probe']);
  assert.is(stats.subscriptions['probe']?.msgBacklog, 0);
  assert.ok((await admin.listTopics('public/default')).includes(topic));
});

test('namespace policies: deduplication and schema compatibility', async () => {
  const admin = testAdmin();
  const namespace = await freshNamespace('infra');
  await admin.setDeduplication(namespace, true);
  await admin.setSchemaCompatibility(namespace, 'FULL');
  const topic = uniqueTopic('schema', namespace);
  const v1 = { type: 'record', name: 'R', fields: [{ name: 'a', type: ['null', 'string'], default: null }] };
  await admin.uploadSchema(topic, { type: 'AVRO', schema: JSON.stringify(v1) });
  const stored = await admin.getSchema(topic);
  assert.is(stored.type, 'AVRO');
  assert.equal(JSON.parse(stored.data), v1);
});

test('errors name the path and status', async () => {
  const admin = testAdmin();
  try {
    await admin.topicStats('persistent://public/no-such-namespace/x');
    assert.unreachable('stats of a missing topic should fail');
  } catch (error) {
    assert.instance(error, PulsarAdminError);
    assert.ok((error as PulsarAdminError).status >= 400);
  }
});

test.run();
