// A short chaos run in the suite: two instances of every process, process kills and network faults (latency,
// cuts, blackholes, partitions through Toxiproxy) and a transaction held open; zero violations expected.
// The full runs (`npm run test:chaos -- --scaled --faults kill,network,postgres`) are in docs/chaos.md.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@alpes/infra';

const test = suite('chaos, scaled, with network faults (short)');

test('60 registrations over two instances of everything, 4 kills and 8 network faults: zero violations', async () => {
  const env = {
    ...process.env,
    CHAOS_REGISTRATIONS: '60',
    CHAOS_KILLS: '4',
    CHAOS_FAULTS: '8',
    CHAOS_RATE: '4',
    CHAOS_TIMEOUT_MIN: '12',
  };
  const child = spawn(process.execPath, [join(repoRoot, 'chaos/main.ts'), '--scaled', '--faults', 'kill,network'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (d: Buffer) => {
      output += d.toString();
    });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const report = output.slice(output.indexOf('=== chaos result ==='));
  assert.is(code, 0, output.slice(-6000));
  assert.match(report, /^violations: +0$/m);
  assert.match(report, /network faults: 8 — .*blackhole 2.*/);
  assert.match(report, /kills: +4 —/);
  assert.match(report, /held xact: +20\.0 s/);
  console.log(
    report
      .split('\n')
      .filter((line) => /^(duration|registrations|sagas|kills|network faults|held xact|violations)/.test(line))
      .join('\n'),
  );
});

test.run();
