// Reading the relay's dead-letter gauge out of a Prometheus text exposition.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deadLetterCounts } from '../src/adapters/http/deadLetterCounts.ts';

test("the gauge's samples, other metrics and comments ignored", () => {
  const text = [
    '# HELP pulsar_dead_letter_messages Messages waiting on a dead-letter topic',
    '# TYPE pulsar_dead_letter_messages gauge',
    'pulsar_dead_letter_messages{topic="persistent://p/d/t-s-DLQ",subscription="s-DLQ",original_topic="persistent://p/d/t"} 4',
    'pulsar_dead_letter_messages_other{topic="x"} 9',
    'outbox_relay_leader 1',
    '',
  ].join('\n');
  assert.equal(deadLetterCounts(text), [
    { topic: 'persistent://p/d/t-s-DLQ', subscription: 's-DLQ', original_topic: 'persistent://p/d/t', depth: 4 },
  ]);
});

test('escaped label values (\\\\, \\", \\n) are read back; no sample is an empty list', () => {
  const [count] = deadLetterCounts(
    'pulsar_dead_letter_messages{topic="a\\\\b \\"c\\" d\\ne",subscription="",original_topic=""} 0\n',
  );
  assert.is(count?.topic, 'a\\b "c" d\ne');
  assert.is(count?.depth, 0);
  assert.equal(deadLetterCounts('# TYPE pulsar_dead_letter_messages gauge\n'), []);
});

test.run();
