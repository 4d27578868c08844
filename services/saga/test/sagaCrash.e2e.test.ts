import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import pg from 'pg';
import {
  ids,
  register,
  registration,
  startE2eSystem,
  transitions,
  waitForEnd,
  type SystemUnderTest,
} from './support/e2e.ts';

const test = suite('saga process crash (whole system)');
let system: SystemUnderTest;

test.before(async () => {
  system = await startE2eSystem('saga_crash');
});
test.after(async () => {
  await system?.close();
});

// A kill proves recovery only if sagas were between their start and their end when it came.
const MIN_IN_FLIGHT = 5;

test(`kill -9 of the saga with at least ${MIN_IN_FLIGHT} sagas in flight, restarted: each of them, and every other saga, ends correctly`, async () => {
  const bodies = Array.from({ length: 30 }, () => registration());
  const sagas = bodies.map((b) => ids(b.id_influencer).saga);
  const client = new pg.Client({ connectionString: system.settings.databaseUrl });
  await client.connect();
  try {
    const inFlight = async () =>
      (
        await client.query<{ id: string }>(
          `select id_correlacion as id from saga.sagas where id_correlacion = any($1) and estado not in ('completada', 'compensada', 'fallida')`,
          [sagas],
        )
      ).rows.map((r) => r.id);
    const registering = Promise.all(bodies.map((b) => register(system, b)));
    // Kill as soon as enough sagas are started and not ended (polled every 10 ms, for at most 30 s).
    for (let i = 0; i < 3000 && (await inFlight()).length < MIN_IN_FLIGHT; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await system.stop('saga', 'SIGKILL');
    // The dead saga cannot move them any more: these were in flight at the kill.
    const caught = await inFlight();
    await registering;
    assert.ok(
      caught.length >= MIN_IN_FLIGHT,
      `at least ${MIN_IN_FLIGHT} sagas in flight at the kill (found ${caught.length})`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await system.start('saga');
    const ends = await Promise.all(sagas.map((saga) => waitForEnd(system, saga, 90_000)));
    assert.equal(
      ends.map((e) => e.estado),
      bodies.map(() => 'completada'),
    );
    for (const end of ends) assert.is(transitions(end).filter((t) => t === 'SagaCompletada').length, 1);
    console.log(
      `    ${caught.length} of ${sagas.length} sagas were in flight at the kill; all ${sagas.length} completed`,
    );
  } finally {
    await client.end();
  }
});

test.run();
