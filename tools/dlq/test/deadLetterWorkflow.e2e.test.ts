import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sagaIds } from '@alpes/contracts';
import { startSystem, type SystemUnderTest } from '@alpes/infra/system';
import { testInfra, uniqueSuffix } from '@alpes/infra/testing';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runDlq } from '../src/index.ts';

const test = suite('dead-letter workflow (whole system): dead-lettered with its reason → list → show → fix → replay');
const root = fileURLToPath(new URL('../../../', import.meta.url));
let system: SystemUnderTest;
let db: pg.Client;

test.before(async () => {
  const infra = testInfra();
  system = await startSystem({
    databaseServerUrl: infra.databaseUrl,
    pulsarUrl: infra.pulsarUrl,
    pulsarAdminUrl: infra.pulsarAdminUrl,
    name: `dlq_workflow_${uniqueSuffix().replace(/-/g, '_')}`,
    // Dead-lettered after two quick retries; a step deadline far away, so the saga waits for the replay.
    env: { CONSUMER_MAX_REDELIVERIES: '2', SAGA_STEP_TIMEOUT_MS: '180000' },
  });
  db = new pg.Client({ connectionString: system.settings.databaseUrl });
  await db.connect();
});
test.after(async () => {
  await db?.end();
  await system?.close();
});

const env = () => ({
  PULSAR_URL: system.settings.pulsarUrl,
  PULSAR_ADMIN_URL: system.settings.pulsarAdminUrl,
  PULSAR_NAMESPACE: system.settings.namespace,
});

async function dlq(...args: string[]): Promise<unknown> {
  const lines: string[] = [];
  const code = await runDlq([...args, '--json'], { env: env(), out: (line) => lines.push(line) });
  assert.is(code, 0, `dlq ${args.join(' ')}: ${lines.join('\n')}`);
  return JSON.parse(lines.join('\n'));
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const saga = async (id: string) =>
  (await fetch(`${system.url('saga')}/sagas/${id}`)).json() as Promise<{
    estado: string;
    log: { evento: string; paso: string | null }[];
  }>;

interface Listed {
  topic: string;
  depth: number;
  subscription: string;
  originalTopic: string;
  oldestAgeSeconds?: number;
}
interface Shown {
  messageId: string;
  key: string;
  reason: string;
  redeliveryCount: number;
  originalTopic: string;
  value: { data: { influencer_origen_id: string } };
}

test('a CrearCampana its service cannot handle is dead-lettered, shown with its reason, replayed once the cause is fixed; the saga completes; a second replay changes nothing', async () => {
  // The cause: campanas cannot write its inbox, so every command it receives throws (not a business refusal).
  await db.query('alter table campanas.inbox rename to inbox_fuera_de_servicio');
  const idInfluencer = randomUUID();
  const sagaId = sagaIds.correlationId(idInfluencer);
  const accepted = await fetch(`${system.url('bff')}/influencers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id_influencer: idInfluencer,
      nombre: 'Ana García',
      email: `ana.${idInfluencer.slice(0, 8)}@gmail.com`,
      categorias: ['moda'],
    }),
  });
  assert.is(accepted.status, 202);
  const listed = await until('the dead letter in `dlq list`', async () =>
    ((await dlq('list')) as Listed[]).find((d) => d.originalTopic.endsWith('/comandos-campanas') && d.depth === 1),
  );
  assert.ok((listed.oldestAgeSeconds ?? -1) >= 0, 'with its age');
  assert.match(listed.subscription, /-DLQ$/);
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'dlq', '--', 'list'], {
    cwd: root,
    env: { ...process.env, ...env() },
  });
  assert.match(stdout, new RegExp(`${listed.topic}\\s+depth=1`), 'npm run dlq -- list prints it');

  const gauge = new RegExp(`pulsar_dead_letter_messages\\{topic="${listed.topic}",[^}]*\\} 1\\b`);
  await until(
    'the relay gauge',
    async () => (gauge.test(await (await fetch(`${system.url('relay')}/metrics`)).text()) ? true : undefined),
    15_000,
  );

  const [shown, ...others] = (await dlq('show', listed.topic.split('/').pop() as string)) as Shown[];
  assert.is(others.length, 0);
  assert.match(shown?.reason ?? '', /inbox/, 'the last error is stamped on the dead letter');
  assert.is(shown?.redeliveryCount, 2);
  assert.is(shown?.value.data.influencer_origen_id, idInfluencer, 'decoded with the topic schema');
  assert.ok(shown?.originalTopic.endsWith('/comandos-campanas'));
  assert.is((await saga(sagaId)).estado, 'en_curso', 'the saga waits (its deadline is far)');

  await db.query('alter table campanas.inbox_fuera_de_servicio rename to inbox');
  // An interrupted replay: published, never acknowledged; then the real one publishes the same message again.
  assert.equal(await dlq('replay', listed.topic, '--all', '--keep'), { replayed: [shown?.messageId] });
  assert.equal(await dlq('replay', listed.topic, '--all'), { replayed: [shown?.messageId] });
  const ended = await until('the saga to complete', async () => {
    const s = await saga(sagaId);
    return s.estado === 'en_curso' ? undefined : s;
  });
  assert.is(ended.estado, 'completada');
  assert.equal(await dlq('replay', listed.topic, '--all'), { replayed: [] }, 'nothing left to replay');

  await new Promise((resolve) => setTimeout(resolve, 2000));
  const steps = (await saga(sagaId)).log.filter((row) => row.evento === 'PasoCompletado').map((row) => row.paso);
  assert.equal(steps, ['influencer', 'campana', 'contrato'], 'each step once: the second copy changed nothing');
  const campaigns = await db.query('select type from campanas.events where stream_id = $1 order by stream_version', [
    `campana-${sagaIds.campanaId(sagaId)}`,
  ]);
  assert.equal(
    campaigns.rows.map((row: { type: string }) => row.type),
    ['CampanaCreada', 'CampanaActivada'],
    'the campaign created once',
  );
  assert.is(((await dlq('list')) as Listed[]).find((d) => d.topic === listed.topic)?.depth, 0);
});

test.run();
