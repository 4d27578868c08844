// `npm start -- --secure` (issue 19): the broker takes TLS and tokens only, each process has its own Pulsar role
// and PostgreSQL role, and the saga still completes and compensates.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { PROCESS_NAMES, createPulsarAdmin, isAlive, mergedTopicRights, repoRoot } from '@alpes/infra';
import { topicNames } from '@alpes/contracts';
import { bytesSchema, createPulsarClient, isPulsarError } from '@alpes/pulsar';
import { until } from './firstRunKit.ts';

const test = suite('npm start -- --secure');
const dataDir = mkdtempSync(join(tmpdir(), 'alpes-secure-'));
chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
const env: NodeJS.ProcessEnv = {
  ...process.env,
  ALPES_DATA_DIR: dataDir,
  LOG_FORMAT: 'json',
  PULSAR_NAMESPACE: 'public/default',
};
for (const key of ['DATABASE_URL', 'PULSAR_URL', 'PULSAR_ADMIN_URL']) delete env[key];
const start = spawn(process.execPath, [join(repoRoot, 'scripts/start.ts'), '--secure', '--free-ports'], {
  cwd: repoRoot,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
for (const stream of [start.stdout, start.stderr])
  stream.on('data', (d: Buffer) => {
    output += d.toString();
  });

await until(
  () => output.includes('everything is healthy'),
  300_000,
  () => `not healthy after 300 s:\n${output.slice(-5000)}`,
  () => start.exitCode !== null,
);
const found = (pattern: RegExp, what: string) => {
  const match = pattern.exec(output)?.[1];
  if (!match) throw new Error(`${what} not printed:\n${output.slice(-3000)}`);
  return match;
};
const pulsarUrl = found(/Pulsar: +(pulsar\S+)/, 'the Pulsar URL');
const adminUrl = found(/\(admin (\S+)\)/, 'the admin URL');
const credentialsDir = found(/passwords are in (\S+)\//, 'the credentials folder');
const pgPort = found(/PostgreSQL listening on 127\.0\.0\.1:(\d+)/, 'the PostgreSQL port');
const bff = found(/dashboard: (http:\/\/127\.0\.0\.1:\d+)\//, 'the dashboard URL');
const sagaApi = found(/saga API: (http:\/\/127\.0\.0\.1:\d+)\/sagas/, 'the saga API URL');
const credentials = JSON.parse(readFileSync(join(credentialsDir, 'credentials.json'), 'utf8')) as {
  adminToken: string;
  tokens: Record<string, string>;
  passwords: Record<string, string>;
};
const ca = readFileSync(join(credentialsDir, 'ca.cert.pem'));
const topic = (short: string) => `persistent://public/default/${short}`;

/** How creating a producer (no schema: the topic's stays) on `short` ends for a client with `token` (bounded): 'created' or the error. */
async function producerOutcome(short: string, token?: string): Promise<unknown> {
  const client = createPulsarClient({
    serviceUrl: pulsarUrl,
    token,
    tls: { ca },
    operationTimeoutMs: 5000,
    backoff: { initialMs: 50, maxMs: 200 },
  });
  try {
    const producer = await client.createProducer({ topic: topic(short), schema: bytesSchema() });
    await producer.close();
    return 'created';
  } catch (error) {
    return error;
  } finally {
    await client.close();
  }
}

test('the broker speaks TLS only, and the admin API wants a token', async () => {
  assert.match(pulsarUrl, /^pulsar\+ssl:\/\//);
  assert.match(adminUrl, /^https:\/\//);
  const anonymous = await createPulsarAdmin(adminUrl, { tlsCaFile: join(credentialsDir, 'ca.cert.pem') })
    .clusters()
    .then(
      () => 'answered',
      (error: Error) => error.message,
    );
  assert.match(anonymous, /answered 401/);
  const admin = createPulsarAdmin(adminUrl, {
    token: credentials.adminToken,
    tlsCaFile: join(credentialsDir, 'ca.cert.pem'),
  });
  assert.ok((await admin.clusters()).includes('standalone'));
  // The grants are per role and per topic: the relay produces the saga's commands, nobody else does.
  const rights = await admin.permissions(topic('comandos-contratos-v2'));
  assert.equal(rights['relay'], ['produce']);
  assert.equal(rights['contratos'], ['consume']);
  assert.is(rights['campanas'], undefined);
});

test('a client without a token is refused with an authentication error', async () => {
  const outcome = await producerOutcome('eventos-crear-influencer');
  assert.ok(isPulsarError(outcome, 'AuthenticationError'), `got ${String(outcome)}`);
});

test("campanas' token cannot produce to comandos-contratos-v2 (authorization error); the relay's can", async () => {
  const outcome = await producerOutcome('comandos-contratos-v2', credentials.tokens['campanas']);
  assert.ok(isPulsarError(outcome, 'AuthorizationError'), `got ${String(outcome)}`);
  assert.is(await producerOutcome('comandos-contratos-v2', credentials.tokens['relay']), 'created');
});

test('every role may produce exactly where the catalogue lets it: the whole role × topic matrix', async () => {
  const allowed = new Set(
    mergedTopicRights('public/default')
      .filter((r) => r.actions.includes('produce'))
      .map((r) => `${r.role} ${r.topic}`),
  );
  const wrong: string[] = [];
  let refused = 0;
  for (const role of PROCESS_NAMES) {
    const client = createPulsarClient({
      serviceUrl: pulsarUrl,
      token: credentials.tokens[role],
      tls: { ca },
      operationTimeoutMs: 5000,
      backoff: { initialMs: 50, maxMs: 200 },
    });
    try {
      for (const short of topicNames) {
        const outcome = await client.createProducer({ topic: topic(short), schema: bytesSchema() }).then(
          async (producer) => {
            await producer.close();
            return 'created';
          },
          (error: unknown) => error,
        );
        const expected = allowed.has(`${role} ${topic(short)}`);
        if (!expected) refused += 1;
        if (expected ? outcome !== 'created' : !isPulsarError(outcome, 'AuthorizationError'))
          wrong.push(`${role} → ${short}: ${String(outcome)}`);
      }
    } finally {
      await client.close();
    }
  }
  assert.equal(wrong, []);
  assert.ok(refused > 70, `${refused} refusals`);
});

test("influencers' database role reads its own tables and cannot read contratos'", async () => {
  const client = new pg.Client({
    connectionString: `postgres://alpes_influencers:${encodeURIComponent(credentials.passwords['influencers'] ?? '')}@127.0.0.1:${pgPort}/alpespartners_dijs`,
  });
  await client.connect();
  try {
    const own = await client.query('select count(*)::int as n from influencers.events');
    assert.ok((own.rows[0] as { n: number }).n >= 0);
    const other = await client.query('select count(*) from contratos.events').then(
      () => 'read',
      (error: { code?: string }) => error.code,
    );
    assert.is(other, '42501', 'permission denied');
    const outbox = await client.query('delete from saga.outbox').then(
      () => 'deleted',
      (error: { code?: string }) => error.code,
    );
    assert.is(outbox, '42501', 'permission denied');
  } finally {
    await client.end();
  }
});

test("the relay's database role reads the outboxes it publishes and nothing else of the services", async () => {
  const client = new pg.Client({
    connectionString: `postgres://alpes_relay:${encodeURIComponent(credentials.passwords['relay'] ?? '')}@127.0.0.1:${pgPort}/alpespartners_dijs`,
  });
  await client.connect();
  try {
    for (const schema of ['influencers', 'campanas', 'contratos', 'saga']) {
      await client.query(`select count(*) from ${schema}.outbox`);
      const events = await client.query(`select count(*) from ${schema}.events`).then(
        () => 'read',
        (error: { code?: string }) => error.code,
      );
      assert.is(events, '42501', `${schema}.events: permission denied`);
    }
  } finally {
    await client.end();
  }
});

test('the whole saga completes, and a second registration with the same email is compensated', async () => {
  const email = `ines.${randomUUID().slice(0, 8)}@gmail.com`;
  assert.is(await registerAndFollow(email), 'completada');
  assert.is(await registerAndFollow(email), 'compensada');
});

test("the original's event sender works in secure mode with the BFF's token and the CA; without the CA it is refused", async () => {
  const send = (...extra: string[]) =>
    spawnSync(
      process.execPath,
      [
        join(repoRoot, 'tools/send-events/src/main.ts'),
        '--pulsar-url',
        pulsarUrl,
        '--token',
        credentials.tokens['bff'] ?? '',
        '--count',
        '1',
        '--timeout',
        '5000',
        ...extra,
      ],
      { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } },
    );
  const sent = send('--tls-ca', join(credentialsDir, 'ca.cert.pem'));
  assert.is(sent.status, 0, sent.stdout + sent.stderr);
  assert.match(sent.stderr, /sent 1, failed 0/);
  const untrusted = send();
  assert.ok(untrusted.status !== 0, untrusted.stdout + untrusted.stderr);
  assert.match(untrusted.stdout + untrusted.stderr, /certificate/i);
});

test.after(async () => {
  if (start.exitCode === null) {
    start.kill('SIGTERM');
    await until(
      () => start.exitCode !== null,
      60_000,
      () => `npm start did not stop after SIGTERM:\n${output.slice(-3000)}`,
    ).catch((error: Error) => {
      console.log(error.message);
      start.kill('SIGKILL');
    });
  }
  // PostgreSQL's data went to a temp folder of its own when its user cannot enter ours.
  for (const [, dir] of output.matchAll(/using (\S+) instead/g))
    if (dir) rmSync(dirname(dir), { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  assert.ok(start.pid === undefined || !isAlive(start.pid));
});

async function registerAndFollow(email: string): Promise<string> {
  const id = randomUUID();
  const accepted = await fetch(`${bff}/influencers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id_influencer: id, nombre: 'Inés Molina', email, categorias: ['viajes'] }),
  });
  assert.is(accepted.status, 202);
  const { id_correlacion: saga } = (await accepted.json()) as { id_correlacion: string };
  let estado = '';
  for (let i = 0; i < 240 && !['completada', 'compensada', 'fallida'].includes(estado); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const response = await fetch(`${sagaApi}/sagas/${saga}`);
    if (response.ok) estado = ((await response.json()) as { estado: string }).estado;
  }
  return estado;
}

test.run();
