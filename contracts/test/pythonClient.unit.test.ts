import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decode, encode, samples, schemaText } from '@alpes/contracts';
import type { TopicName } from '@alpes/contracts';
import python from './fixtures/pythonClient-3.7.0.json' with { type: 'json' };

// fixtures/pythonClient-3.7.0.json was produced by the original's own library, pulsar-client 3.7.0 for Python,
// from the original classes (fixtures/pythonClient.py regenerates it). It is the ground truth for v1.
const topics = Object.keys(python) as (TopicName & keyof typeof python)[];

const v1 = suite('v1 is what the original Python services registered and wrote');

v1('the fixture covers the 8 original topics', () => {
  assert.is(topics.length, 8);
});

for (const topic of topics) {
  const fixture = python[topic];

  v1(`${topic}: same schema text, so Pulsar sees the same schema version`, () => {
    assert.is(schemaText(topic, 'v1'), fixture.schema);
  });

  v1(`${topic}: the sample record encodes to the Python client's bytes, and reads back from them`, () => {
    assert.is(encode(topic, samples[topic], 'v1').toString('hex'), fixture.sample);
    assert.equal(decode(topic, Buffer.from(fixture.sample, 'hex'), { writerVersion: 'v1' }).data, samples[topic].data);
  });

  v1(`${topic}: a record the Python side filled with its class defaults survives a round trip byte for byte`, () => {
    const record = decode(topic, Buffer.from(fixture.emptyRecord, 'hex'), { writerVersion: 'v1' });
    assert.is(encode(topic, record, 'v1').toString('hex'), fixture.emptyRecord);
  });
}

v1.run();
