import { createServer } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { topicNames } from '@alpes/contracts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { binPath, cli } from './support/cli.ts';
import { runInProcess } from './support/inProcess.ts';

const test = suite('send-events usage and exit codes');

test('--help exits 0 with the presets, the D-15 note and examples', async () => {
  const result = await cli(['--help']);
  assert.is(result.code, 0);
  for (const text of [
    'crear-influencer-error',
    'campana',
    'contrato',
    'D-15',
    'Examples',
    '--schema-version v1|v2',
    'Exit codes',
  ]) {
    assert.ok(result.stdout.includes(text), text);
  }
});

test('the bin entry runs the TypeScript CLI', async () => {
  const result = await cli(['contrato', '--dry-run'], { entry: binPath });
  assert.is(result.code, 0, result.stderr);
  assert.ok(result.stdout.includes('fdad3d32-f6ea-4836-bc11-bb622036ab7c'));
});

test('an unknown topic: exit 2, every valid topic listed', async () => {
  const result = await cli(['--topic', 'eventos-nada', '--dry-run']);
  assert.is(result.code, 2);
  assert.ok(result.stderr.includes('unknown topic "eventos-nada"'));
  for (const topic of topicNames) assert.ok(result.stderr.includes(topic), topic);
});

test('a record that does not fit the schema: exit 2, the field named', async () => {
  const wrongType = await runInProcess(['contrato', '--dry-run', '--set', 'data.monto_total="mucho"']);
  assert.is(wrongType.code, 2);
  assert.match(wrongType.stderr, /data\.monto_total: expected null \| float, got "mucho"/);
  const typo = await runInProcess(['crear-influencer', '--dry-run', '--set', 'data.nombr=Ana']);
  assert.is(typo.code, 2);
  assert.match(typo.stderr, /data\.nombr: not a field of CrearInfluencerPayload/);
  const inFile = await runInProcess(
    ['--topic', 'eventos-contratos', '--file', '-', '--dry-run'],
    '[{"data":{}},{"data":{"moneda":7}}]',
  );
  assert.is(inFile.code, 2);
  assert.match(inFile.stderr, /input record 2: .*\n\s+data\.moneda: expected null \| string, got 7/);
});

test('bad flags and bad input: exit 2 with the problem named', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'send-events-'));
  await writeFile(join(dir, 'bad.json'), '{"data": {\nnot json');
  await writeFile(join(dir, 'bad.jsonl'), '{"data": {}}\nnot json');
  const cases: [string[], RegExp][] = [
    [['--count', '0'], /--count expects a positive integer, got "0"/],
    [['--rate', 'fast'], /--rate expects a positive number/],
    [['--nope'], /Unknown option '--nope'/],
    [['reportes'], /unknown preset "reportes"; presets: crear-influencer, crear-influencer-error, campana, contrato/],
    [['contrato', '--schema-version', 'v3'], /--schema-version v3: eventos-contratos has v1, v2/],
    [['--topic', 'eventos-saga', '--schema-version', 'v2'], /eventos-saga has v1/],
    [['--file', join(dir, 'bad.json'), '--topic', 'eventos-contratos'], /bad\.json is not JSON \(.+\)/],
    [['--file', join(dir, 'bad.jsonl'), '--topic', 'eventos-contratos'], /bad\.jsonl line 2 is not JSON/],
    [['--file', join(dir, 'missing.json'), '--topic', 'eventos-contratos'], /cannot read .*missing\.json/],
    [['--file', '-'], /--file needs --topic/],
    [['--set', 'data.nombre'], /--set expects path=value/],
    [
      ['campana', '--schema-of', 'eventos-contratos'],
      /preset campana sends eventos-campanas records, not eventos-contratos/,
    ],
    [['contrato', '--pulsar-url', 'http://localhost:8080'], /--pulsar-url expects pulsar:\/\/host:port/],
  ];
  for (const [args, message] of cases) {
    const result = await runInProcess(args);
    assert.is(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.ok(!result.stderr.includes('    at '), 'no stack trace for a usage error');
  }
});

test('no broker listening: exit 3, the URL named', async () => {
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
  const result = await cli(['contrato', '--timeout', '3000'], { env: { PULSAR_URL: `pulsar://127.0.0.1:${port}` } });
  assert.is(result.code, 3, result.stderr);
  assert.ok(result.stderr.includes(`pulsar://127.0.0.1:${port}`), result.stderr);
});

test.run();
