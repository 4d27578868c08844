import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { serialByKey } from '../src/serialByKey.ts';

const test = suite('serialByKey');

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

test('work of one key runs one at a time, in call order; other keys run alongside', async () => {
  const serial = serialByKey();
  const log: string[] = [];
  const job = (key: string, name: string, ms: number) =>
    serial(key, async () => {
      log.push(`start ${name}`);
      await later(ms, undefined);
      log.push(`end ${name}`);
      return name;
    });
  const results = await Promise.all([job('a', 'a1', 30), job('a', 'a2', 1), job('b', 'b1', 5)]);
  assert.equal(results, ['a1', 'a2', 'b1']);
  assert.equal(log, ['start a1', 'start b1', 'end b1', 'end a1', 'start a2', 'end a2']);
});

test("a failure is its caller's alone: the next work of the key still runs", async () => {
  const serial = serialByKey();
  const failed = serial('a', async () => {
    throw new Error('boom');
  });
  const next = serial('a', async () => 'ran');
  const outcome = await failed.then(
    () => 'resolved',
    (error: Error) => error.message,
  );
  assert.is(outcome, 'boom');
  assert.is(await next, 'ran');
});

test.run();
