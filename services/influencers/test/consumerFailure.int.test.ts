import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fullTopicName } from '@alpes/contracts';
import { freePort, waitFor } from '@alpes/infra';
import { freshDatabase, freshNamespace, testAdmin, testInfra } from '@alpes/infra/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const test = suite('a consumer that fails for good (issue 18)');
const mainPath = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** Namespace policy (not in the admin helper): with it off, a deleted topic stays deleted. */
async function disableTopicAutoCreation(namespace: string): Promise<void> {
  const response = await fetch(`${testInfra().pulsarAdminUrl}/admin/v2/namespaces/${namespace}/autoTopicCreation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ allowAutoTopicCreation: false }),
  });
  if (!response.ok) throw new Error(`autoTopicCreation: ${response.status} ${await response.text()}`);
}

test('its topic deleted under it: /health answers 503 naming the consumer, then the process exits non-zero', async () => {
  const db = await freshDatabase('influencers_consumer_failure');
  const namespace = await freshNamespace('influencers-failure');
  const admin = testAdmin();
  const topic = fullTopicName('eventos-crear-influencer', namespace);
  await admin.createTopic(topic);
  await admin.createTopic(fullTopicName('comandos-influencers-eliminacion', namespace));
  await disableTopicAutoCreation(namespace);
  const port = await freePort();
  const env = {
    PATH: process.env['PATH'] ?? '',
    DATABASE_URL: db.url,
    PULSAR_URL: testInfra().pulsarUrl,
    PULSAR_NAMESPACE: namespace,
    PORT: String(port),
  };
  const child = spawn(process.execPath, [mainPath], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const health = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    return {
      status: response.status,
      body: (await response.json()) as { checks: Record<string, { status: string; error?: string }> },
    };
  };
  try {
    await waitFor({
      what: 'influencers /health',
      timeoutMs: 30_000,
      probe: async () => (await health()).status === 200,
      failFast: () => (child.exitCode === null ? undefined : `exited ${child.exitCode}: ${output}`),
    });
    assert.equal((await health()).body.checks['consumers'], { status: 'up' });
    await admin.deleteTopic(topic);
    let down: Awaited<ReturnType<typeof health>> | undefined;
    await waitFor({
      what: '/health 503',
      timeoutMs: 20_000,
      intervalMs: 100,
      probe: async () => {
        down = await health().catch(() => undefined);
        return down?.status === 503;
      },
      failFast: () =>
        child.exitCode === null ? undefined : `exited ${child.exitCode} before /health said 503: ${output}`,
    });
    assert.is(down?.body.checks['consumers']?.status, 'down');
    assert.match(down?.body.checks['consumers']?.error ?? '', /eventos-crear-influencer/);
    const code = await Promise.race([
      exited,
      new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 30_000)),
    ]);
    assert.ok(code !== 'running' && code !== 0 && code !== null, `exits non-zero (got ${String(code)}): ${output}`);
    assert.match(output, /consumer failed for good/);
  } finally {
    child.kill('SIGKILL');
    await db.drop();
  }
});

test.run();
