import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ids, register, registration, startE2eSystem, transitions, waitForEnd, type SystemUnderTest } from './support/e2e.ts';

const test = suite('saga process crash (whole system)');
let system: SystemUnderTest;

test.before(async () => {
  system = await startE2eSystem('saga_crash');
});
test.after(async () => {
  await system?.close();
});

test('kill -9 of the saga mid-flight, restarted: every saga still ends correctly', async () => {
  const bodies = Array.from({ length: 20 }, () => registration());
  await Promise.all(bodies.map((b) => register(system, b)));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await system.stop('saga', 'SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await system.start('saga');
  const ends = await Promise.all(bodies.map((b) => waitForEnd(system, ids(b.id_influencer).saga, 90_000)));
  assert.equal(ends.map((e) => e.estado), bodies.map(() => 'completada'));
  for (const end of ends) assert.is(transitions(end).filter((t) => t === 'SagaCompletada').length, 1);
});

test.run();
