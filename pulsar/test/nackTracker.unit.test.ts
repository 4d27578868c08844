import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NackTracker } from '../src/consumer/nackTracker.ts';

const test = suite('nack tracker');
const id = (entryId: number) => ({ ledgerId: 1, entryId });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('entries with different delays are redelivered in deadline order, each after its own delay', async () => {
  const fired: { at: number; ids: number[] }[] = [];
  const started = Date.now();
  const tracker = new NackTracker((ids) =>
    fired.push({ at: Date.now() - started, ids: ids.map((i) => Number(i.entryId)) }),
  );
  tracker.add(id(1), 120);
  tracker.add(id(2), 20);
  tracker.add(id(3), 60);
  await sleep(220);
  tracker.close();
  assert.equal(
    fired.map((f) => f.ids),
    [[2], [3], [1]],
  );
  assert.ok((fired[0]?.at ?? 0) >= 20 && (fired[2]?.at ?? 0) >= 120, JSON.stringify(fired));
});

test('the same entry nacked twice before its deadline is redelivered once', async () => {
  const fired: number[][] = [];
  const tracker = new NackTracker((ids) => fired.push(ids.map((i) => Number(i.entryId))));
  tracker.add(id(7), 10);
  tracker.add(id(7), 10);
  await sleep(60);
  tracker.close();
  assert.equal(fired, [[7]]);
});

test.run();
