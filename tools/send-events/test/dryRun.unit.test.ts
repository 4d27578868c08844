import { avroType, sagaIds, topicNames, versionsOf } from '@alpes/contracts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { presetNames, presets } from '../src/presets.ts';
import { dataOf, recordsOf } from './support/cli.ts';
import { runInProcess } from './support/inProcess.ts';

const test = suite('send-events --dry-run');

for (const preset of presetNames) {
  const topic = presets[preset].topic;
  for (const version of versionsOf(topic)) {
    test(`${preset} ${version}: valid against the catalogue schema of ${topic}`, async () => {
      const result = await runInProcess([preset, '--dry-run', '--schema-version', version, '--count', '3']);
      assert.is(result.code, 0, result.stderr);
      const records = recordsOf(result);
      assert.is(records.length, 3);
      for (const record of records) {
        const problems: string[] = [];
        const valid = avroType(topic, version).isValid(record, {
          noUndeclaredFields: true,
          errorHook: (path) => problems.push(path.join('.')),
        });
        assert.ok(valid, `${preset} ${version}: ${problems.join(', ')}`);
      }
      if (version === 'v1')
        assert.equal(Object.keys(records[0] ?? {}), ['data'], 'v1 is the original record: data only, no envelope');
    });
  }
}

test('v2 fills the envelope: the saga id derived from the influencer id, the command id as the BFF derives it', async () => {
  const [record] = recordsOf(await runInProcess(['crear-influencer', '--dry-run']));
  const id = dataOf(record ?? {})['id'] as string;
  const correlation = sagaIds.correlationId(id);
  assert.is(record?.['correlation_id'], correlation);
  assert.is(record?.['message_id'], sagaIds.commandId('CrearInfluencer', correlation));
  assert.is(record?.['message_type'], 'CrearInfluencer');
  assert.is(record?.['producer_service'], 'send-events');
  assert.ok(Math.abs((record?.['occurred_at'] as number) - Date.now()) < 60_000);
});

test('crear-influencer-error: always Ana García / ana.garcia@gmail.com, a fresh id on every run', async () => {
  const runs = await Promise.all([
    runInProcess(['crear-influencer-error', '--dry-run']),
    runInProcess(['crear-influencer-error', '--dry-run']),
  ]);
  const [a, b] = runs.map((run) => dataOf(recordsOf(run)[0] ?? {}));
  assert.is(a?.['nombre'], 'Ana García');
  assert.is(a?.['email'], 'ana.garcia@gmail.com');
  assert.is(b?.['email'], 'ana.garcia@gmail.com');
  assert.is.not(a?.['id'], b?.['id']);
});

test('campana and contrato are the original fixed records', async () => {
  const campana = dataOf(recordsOf(await runInProcess(['campana', '--dry-run', '--schema-version', 'v1']))[0] ?? {});
  assert.is(campana['campana_id'], 'camp-67890');
  assert.is(campana['influencer_id'], 'inf-12345');
  assert.is(campana['monto_base'], 2500);
  assert.is(campana['tipo_contrato'], 'temporal');
  const contrato = dataOf(recordsOf(await runInProcess(['contrato', '--dry-run', '--schema-version', 'v1']))[0] ?? {});
  assert.equal(contrato, {
    id_contrato: 'fdad3d32-f6ea-4836-bc11-bb622036ab7c',
    id_influencer: 'inf-12345',
    id_campana: 'camp-67890',
    monto_total: 2500,
    moneda: 'USD',
    tipo_contrato: 'temporal',
    fecha_creacion: '2025-09-13 01:07:56.578686',
  });
});

test('--seed makes the fakes reproducible', async () => {
  const strip = (text: string) => text.replace(/"(fecha_creacion|fecha_actualizacion)":"[^"]*"|"occurred_at":\d+/g, '');
  const [a, b, c] = await Promise.all([
    runInProcess(['crear-influencer', '--dry-run', '--count', '5', '--seed', '42']),
    runInProcess(['crear-influencer', '--dry-run', '--count', '5', '--seed', '42']),
    runInProcess(['crear-influencer', '--dry-run', '--count', '5', '--seed', '43']),
  ]);
  assert.is(strip(a?.stdout ?? ''), strip(b?.stdout ?? ''));
  assert.is.not(strip(a?.stdout ?? ''), strip(c?.stdout ?? ''));
});

test('every catalogue topic: its sample, in every version, is valid', async () => {
  for (const topic of topicNames) {
    for (const version of versionsOf(topic)) {
      const result = await runInProcess(['--topic', topic, '--schema-version', version, '--dry-run']);
      assert.is(result.code, 0, `${topic} ${version}: ${result.stderr}`);
      assert.ok(
        avroType(topic, version).isValid(recordsOf(result)[0], { noUndeclaredFields: true }),
        `${topic} ${version}`,
      );
    }
  }
});

test('--set over a preset and records from stdin (JSON lines)', async () => {
  const set = await runInProcess([
    'crear-influencer',
    '--dry-run',
    '--set',
    'data.nombre=Ana Pérez',
    '--set',
    'data.categorias=["moda","arte"]',
    '--set',
    'data.telefono=600111222',
  ]);
  const data = dataOf(recordsOf(set)[0] ?? {});
  assert.equal([data['nombre'], data['categorias'], data['telefono']], ['Ana Pérez', ['moda', 'arte'], '600111222']);
  const lines = '{"data":{"id_contrato":"c-1","monto_total":10.5}}\n\n{"data":{"id_contrato":"c-2"}}\n';
  const piped = await runInProcess(
    ['--topic', 'eventos-contratos', '--file', '-', '--dry-run', '--schema-version', 'v1'],
    lines,
  );
  assert.is(piped.code, 0, piped.stderr);
  assert.equal(
    recordsOf(piped).map((r) => dataOf(r)['id_contrato']),
    ['c-1', 'c-2'],
  );
  assert.is(dataOf(recordsOf(piped)[0] ?? {})['moneda'], null, 'absent nullable fields become null');
});

test.run();
