import { randomUUID } from 'node:crypto';
import { createPool, createPostgresEventStore, migrate } from '@alpes/eventstore/postgres';
import { freshDatabase } from '@alpes/infra/testing';
import type { Level } from '@alpes/service-kit';
import { sql } from 'slonik';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { topicRouter } from '../src/adapters/messaging/topics.ts';
import { startDeadlineScheduler } from '../src/adapters/postgres/deadlineScheduler.ts';
import { sagaMigrations } from '../src/adapters/postgres/migrations.ts';
import { createSagaQueries } from '../src/adapters/postgres/sagaQueries.ts';
import { createSagaRunner } from '../src/adapters/postgres/sagaRunner.ts';
import { createSagaMetrics } from '../src/metrics.ts';

const test = suite('deadline scheduler (real PostgreSQL)');
const db = await freshDatabase('saga_scheduler');
const pool = await createPool(db.url, { schema: 'saga' });
await migrate(pool, { schema: 'saga', migrations: sagaMigrations });
const metrics = createSagaMetrics();
// A 1 ms step deadline: every saga started here is due at once.
const politica = { plazoPasoMs: 1, compensacion: { baseMs: 60_000, maxMs: 60_000, maxIntentos: 3 } };
const runner = createSagaRunner({
  store: createPostgresEventStore({ pool, schema: 'saga' }),
  politica,
  route: topicRouter(),
  metrics,
});
const queries = createSagaQueries(pool, 'saga');

async function startSaga(): Promise<string> {
  const sagaId = randomUUID();
  await runner.handle(
    { type: 'IniciarSaga', sagaId, idInfluencer: randomUUID() },
    { inboxId: randomUUID(), causa: 'CrearInfluencer', causationId: randomUUID() },
  );
  return sagaId;
}

test("a saga whose deadline throws is logged and counted; the other sagas' deadlines still fire", async () => {
  const broken = await startSaga();
  const healthy = [await startSaga(), await startSaga()];
  // A stream its decider cannot fold (an event type it does not know) makes `expire` throw for that saga only.
  await pool.query(sql.unsafe`update saga.events set type = 'EventoDesconocido' where stream_id = ${`saga-${broken}`}`);
  const lines: { level: Level; message: string; fields?: Record<string, unknown> }[] = [];
  const scheduler = startDeadlineScheduler({
    queries,
    runner,
    metrics,
    pollMs: 50,
    log: (level, message, fields) => {
      lines.push({ level, message, fields });
    },
  });
  try {
    const deadline = Date.now() + 15_000;
    const failed = async () =>
      (await Promise.all(healthy.map((id) => queries.get(id)))).every((s) => s?.fallo_codigo === 'PLAZO_VENCIDO');
    while (!(await failed())) {
      if (Date.now() > deadline)
        throw new Error(`the healthy sagas' deadlines never fired; log: ${JSON.stringify(lines)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await scheduler.stop();
  }
  const errors = lines.filter((l) => l.level === 'error' && l.fields?.['id_correlacion'] === broken);
  assert.ok(errors.length >= 1, 'the failing saga is logged with its saga id');
  assert.instance(errors[0]?.fields?.['err'], Error, 'with the error (and its stack)');
  const counted = (await metrics.deadlineFailures.get()).values[0]?.value ?? 0;
  assert.ok(counted >= 1, `saga_deadline_failures_total counts it (${counted})`);
  assert.ok(
    lines.every((l) => l.fields?.['id_correlacion'] !== healthy[0] || l.level !== 'error'),
    'a healthy saga logs no error',
  );
});

test.after(async () => {
  await pool.end();
  await db.drop();
});
test.run();
