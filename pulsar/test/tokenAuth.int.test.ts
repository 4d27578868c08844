import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { signToken as jwt } from '@alpes/infra';
import { startPulsarInstance, uniqueSuffix } from '@alpes/infra/testing';
import { avroSchema, createPulsarClient, isPulsarError } from '../src/index.ts';
import { receiveN } from './support.ts';

// Token authentication against a broker that requires it (its own: the shared test broker runs without
// authentication). Tokens are HS256 JWTs signed with the broker's secret key, as `pulsar tokens create` makes.
const test = suite('token authentication');
const secret = randomBytes(32);

const adminToken = jwt('admin', secret);
const broker = await startPulsarInstance((line) => console.log(`[tokenAuth] ${line}`), {
  adminToken,
  settings: {
    authenticationEnabled: 'true',
    authenticationProviders: 'org.apache.pulsar.broker.authentication.AuthenticationProviderToken',
    tokenSecretKey: `data:;base64,${secret.toString('base64')}`,
    superUserRoles: 'admin',
    authorizationEnabled: 'false',
    brokerClientAuthenticationPlugin: 'org.apache.pulsar.client.impl.auth.AuthenticationToken',
    brokerClientAuthenticationParameters: `token:${adminToken}`,
  },
});
const schema = avroSchema<{ n: number }>({ type: 'record', name: 'Num', fields: [{ name: 'n', type: 'int' }] });
const topic = () => `persistent://public/default/auth-${uniqueSuffix()}`;
const clientWith = (token?: string | (() => string)) =>
  createPulsarClient({
    serviceUrl: broker.serviceUrl,
    token,
    operationTimeoutMs: 5000,
    backoff: { initialMs: 50, maxMs: 200 },
  });

/** The error a producer creation ends with (bounded), or 'created'. */
async function producerOutcome(token?: string): Promise<unknown> {
  const client = clientWith(token);
  try {
    const producer = await client.createProducer({ topic: topic(), schema });
    await producer.close();
    return 'created';
  } catch (error) {
    return error;
  } finally {
    await client.close();
  }
}

test('a client with a valid token produces and consumes; the token provider is asked on connect', async () => {
  let asked = 0;
  const client = clientWith(() => {
    asked += 1;
    return jwt('alpes-app', secret);
  });
  try {
    const t = topic();
    const consumer = await client.subscribe({
      topic: t,
      subscription: 'work',
      type: 'Exclusive',
      initialPosition: 'Earliest',
      schema,
    });
    const producer = await client.createProducer({ topic: t, schema });
    await Promise.all([1, 2, 3].map((n) => producer.send({ value: { n } })));
    const got = await receiveN(consumer, 3);
    assert.equal(
      got.map((m) => m.value.n),
      [1, 2, 3],
    );
    assert.ok(asked >= 1, `token provider called ${asked} times`);
  } finally {
    await client.close();
  }
});

test('no token: refused with an authentication error, not a hang', async () => {
  const outcome = await producerOutcome(undefined);
  assert.ok(isPulsarError(outcome, 'AuthenticationError'), `got ${String(outcome)}`);
});

test('a token signed with another key: refused with an authentication error', async () => {
  const outcome = await producerOutcome(jwt('alpes-app', randomBytes(32)));
  assert.ok(isPulsarError(outcome, 'AuthenticationError'), `got ${String(outcome)}`);
});

test.after(async () => {
  await broker.stop();
});

test.run();
