// A create-producer the client gives up on (its operation timed out) must not live on at the broker: a producer
// left registered under its name, on a connection that stays open, keeps every other producer of that name out —
// a standby outbox relay held its successor's names that way (chaos, issue 20). Staged with the broker's
// WaitForExclusive access mode: the broker holds the creation open (no success yet) while another producer is
// exclusive, so the client times out while the broker still has the request; when the exclusive one closes, a
// creation left behind would be promoted to the topic's exclusive producer.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bytesSchema, createPulsarClient, isPulsarError } from '../src/index.ts';
import { testInfra } from '@alpes/infra/testing';
import { newClient, uniqueTopic } from './support.ts';

const test = suite('an abandoned producer creation is undone on the broker');
const client = newClient();
const impatient = createPulsarClient({ serviceUrl: testInfra().pulsarUrl, operationTimeoutMs: 1500 });

test('timed out while waiting for exclusivity: after the holder leaves, another exclusive producer gets the topic', async () => {
  const topic = uniqueTopic('abandoned');
  const holder = await client.createProducer({
    topic,
    schema: bytesSchema(),
    producerName: 'holder',
    accessMode: 'Exclusive',
  });
  const waiting = await impatient
    .createProducer({ topic, schema: bytesSchema(), producerName: 'waiter', accessMode: 'WaitForExclusive' })
    .then(
      () => 'created',
      (error: unknown) => error,
    );
  assert.ok(isPulsarError(waiting, 'Timeout'), `the impatient creation timed out: ${String(waiting)}`);
  await holder.close();
  // The impatient client's connection is still open: had its creation stayed at the broker, it would now be the
  // topic's exclusive producer and this one would be refused.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const next = await client.createProducer({
    topic,
    schema: bytesSchema(),
    producerName: 'next',
    accessMode: 'Exclusive',
  });
  await next.send({ value: Buffer.from('the topic is free') });
  await next.close();
});

test.after(async () => {
  await impatient.close();
  await client.close();
});
test.run();
