import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runDlq } from '../src/index.ts';

const test = suite('dlq usage errors (exit 2, the reason and the usage; no broker touched)');
const env = { PULSAR_URL: 'pulsar://127.0.0.1:1', PULSAR_ADMIN_URL: 'http://127.0.0.1:1' };

async function run(args: string[], environment: NodeJS.ProcessEnv = env): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runDlq(args, { env: environment, out: (line) => lines.push(line) });
  return { code, text: lines.join('\n') };
}

const cases: [string[], RegExp][] = [
  [[], /unknown command \(none\)/],
  [['drop'], /unknown command drop/],
  [['show'], /show needs a dead-letter topic/],
  [['show', 't', '--limit', '0'], /--limit must be a positive integer/],
  [['replay', 't'], /exactly one of --message ID or --all/],
  [['replay', 't', '--all', '--message', '1:2:-1:-1'], /exactly one of --message ID or --all/],
];
for (const [args, reason] of cases) {
  test(`dlq ${args.join(' ') || '(nothing)'}`, async () => {
    const { code, text } = await run(args);
    assert.is(code, 2);
    assert.match(text, reason);
    assert.match(text, /usage: npm run dlq/);
  });
}

test('without PULSAR_URL / PULSAR_ADMIN_URL it says so', async () => {
  const { code, text } = await run(['list'], {});
  assert.is(code, 2);
  assert.match(text, /PULSAR_URL and PULSAR_ADMIN_URL must be set/);
});

test.run();
