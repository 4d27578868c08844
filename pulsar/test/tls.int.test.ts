import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, issueCertificate, makeCertificateAuthority } from '@alpes/infra';
import { startPulsarInstance, uniqueSuffix } from '@alpes/infra/testing';
import { avroSchema, createPulsarClient } from '../src/index.ts';
import { receiveN } from './support.ts';

// TLS (pulsar+ssl://) against a broker of its own with a TLS port: a test CA and a broker certificate for
// 127.0.0.1, made with the openssl command line (fails loudly if openssl is missing).
const test = suite('TLS');
const dir = mkdtempSync(join(tmpdir(), 'alpes-tls-'));
const file = (name: string) => join(dir, name);
makeCertificateAuthority(dir, 'ca', { subject: 'alpes test CA', days: 2 });
issueCertificate(dir, 'broker', { ca: 'ca', commonName: '127.0.0.1', altNames: ['IP:127.0.0.1'], days: 2 });

const tlsPort = await freePort();
const broker = await startPulsarInstance((line) => console.log(`[tls] ${line}`), {
  settings: {
    brokerServicePortTls: String(tlsPort),
    tlsCertificateFilePath: file('broker.cert.pem'),
    tlsKeyFilePath: file('broker.key.pem'),
    tlsTrustCertsFilePath: file('ca.cert.pem'),
  },
});
const serviceUrl = `pulsar+ssl://127.0.0.1:${tlsPort}`;
const schema = avroSchema<{ n: number }>({ type: 'record', name: 'Num', fields: [{ name: 'n', type: 'int' }] });
const topic = () => `persistent://public/default/tls-${uniqueSuffix()}`;

test('pulsar+ssl:// with the CA: the lookup answers the TLS address, and messages go both ways', async () => {
  const client = createPulsarClient({
    serviceUrl,
    tls: { ca: readFileSync(file('ca.cert.pem')) },
    operationTimeoutMs: 10_000,
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
    assert.equal(
      (await receiveN(consumer, 3)).map((m) => m.value.n),
      [1, 2, 3],
    );
  } finally {
    await client.close();
  }
});

test('a broker certificate the client does not trust is refused (no CA given), with a clear error', async () => {
  const client = createPulsarClient({ serviceUrl, operationTimeoutMs: 5000, backoff: { initialMs: 50, maxMs: 200 } });
  try {
    const outcome = await client.createProducer({ topic: topic(), schema }).then(
      () => 'created',
      (error: Error) => error.message,
    );
    assert.match(outcome, /certificate/i);
  } finally {
    await client.close();
  }
});

test.after(async () => {
  await broker.stop();
  rmSync(dir, { recursive: true, force: true });
});

test.run();
