import pg from 'pg';
import { PROCESS_NAMES, type ProcessName } from '@alpes/infra';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ids, register, registration, startE2eSystem, waitForEnd, type SystemUnderTest } from './support/e2e.ts';

const test = suite('structured logs (whole system, LOG_LEVEL=debug)');
let system: SystemUnderTest;

test.before(async () => {
  system = await startE2eSystem('logs', { LOG_LEVEL: 'debug' });
});
test.after(async () => {
  await system?.close();
});

type Line = Record<string, unknown> & { process?: string; level?: number; msg?: string };

/**
 * The process's output as JSON lines; a line that is not JSON fails the test (one logger, JSON by default).
 * Node's own warnings (`(node:pid) …`) are not the application's and are left out.
 */
function linesOf(name: ProcessName): Line[] {
  return system
    .output(name)
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('(node:'))
    .map((text) => {
      try {
        return JSON.parse(text) as Line;
      } catch {
        throw new Error(`${name} wrote a line that is not JSON: ${text}`);
      }
    });
}

test("a registration's saga id is in the log lines of every process; each line names its process; no raw email", async () => {
  const body = registration();
  const { saga } = ids(body.id_influencer);
  assert.is((await register(system, body)).status, 202);
  assert.is((await waitForEnd(system, saga)).estado, 'completada');
  await new Promise((resolve) => setTimeout(resolve, 1500)); // the relay's last publish and its line
  for (const name of PROCESS_NAMES) {
    const lines = linesOf(name);
    const expected = name === 'relay' ? 'outbox-relay' : name;
    assert.ok(
      lines.length > 0 && lines.every((l) => l.process === expected),
      `${name}: every line carries process=${expected}`,
    );
    const withSaga = lines.filter((l) => l['id_correlacion'] === saga);
    assert.ok(withSaga.length > 0, `${name}: a line with id_correlacion=${saga}`);
    assert.not.match(system.output(name), body.email, `${name}: the registrant's email never appears`);
  }
  const consumed = linesOf('campanas').find((l) => l['id_correlacion'] === saga && l.msg === 'message handled');
  assert.ok(consumed?.['messageId'] && consumed['topic'], 'a consumer line carries the message id and topic');
});

test('a route made to throw writes one error line with the stack and the request id the 500 returned', async () => {
  const db = new pg.Client({ connectionString: system.settings.databaseUrl });
  await db.connect();
  try {
    await db.query('alter table contratos.contratos rename to contratos_fuera');
    const response = await fetch(
      `${system.url('contratos')}/contratos?influencer_id=${ids(registration().id_influencer).saga}`,
    );
    assert.is(response.status, 500);
    const problem = (await response.json()) as { request_id?: string; detail?: string };
    assert.type(problem.request_id, 'string');
    assert.not.match(JSON.stringify(problem), /contratos_fuera|at /, 'no internals in the answer');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const errors = linesOf('contratos').filter((l) => l.level === 50 && l['request_id'] === problem.request_id);
    assert.is(errors.length, 1, 'one error line for the request');
    const err = errors[0]?.['err'] as { stack?: string } | undefined;
    assert.match(err?.stack ?? '', /\n\s+at /, 'with the stack');
  } finally {
    await db.query('alter table if exists contratos.contratos_fuera rename to contratos');
    await db.end();
  }
});

test.run();
