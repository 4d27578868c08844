import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Schema } from 'avsc';
import {
  avroType,
  catalogue,
  checkFullCompatibility,
  decode,
  encode,
  envelopeFields,
  samples,
  schemaFor,
  topicNames,
  versionsOf,
} from '@alpes/contracts';

interface AvroField {
  name: string;
  type: unknown;
  default?: unknown;
}
interface AvroRecord {
  type: 'record';
  name: string;
  fields: AvroField[];
}
const fieldsOf = (schema: Schema) => (schema as AvroRecord).fields;
const withFields = (schema: Schema, edit: (fields: AvroField[]) => AvroField[]): Schema =>
  ({ ...(schema as AvroRecord), fields: edit(structuredClone(fieldsOf(schema))) }) as Schema;

const shape = suite('v2 = v1 + envelope appended after data');

for (const topic of topicNames.filter((t) => catalogue[t].original)) {
  shape(
    `${topic}: data (and so the payload record) untouched, envelope then extras appended, all nullable with default null`,
    () => {
      const [v1Data, ...v1Rest] = fieldsOf(schemaFor(topic, 'v1'));
      const [v2Data, ...appended] = fieldsOf(schemaFor(topic, 'v2'));
      assert.equal(v1Rest, []);
      assert.equal(v2Data, v1Data);
      assert.equal(
        appended.slice(0, envelopeFields.length).map((f) => f.name),
        [...envelopeFields],
      );
      for (const field of appended) {
        assert.is(field.default, null, field.name);
        assert.ok(Array.isArray(field.type) && field.type[0] === 'null' && field.type.length === 2, field.name);
      }
    },
  );
}

for (const topic of topicNames.filter((t) => !catalogue[t].original)) {
  shape(`${topic}: a new topic starts at v1 with data + envelope, every field nullable with default null`, () => {
    assert.equal(versionsOf(topic), ['v1']);
    const [data, ...rest] = fieldsOf(schemaFor(topic, 'v1'));
    assert.is(data?.name, 'data');
    assert.equal(
      rest.map((f) => f.name),
      [...envelopeFields],
    );
    const payload = (data?.type as [string, AvroRecord])[1];
    for (const field of [data, ...rest, ...payload.fields]) assert.is(field?.default, null, field?.name);
  });
}

shape.run();

const full = suite('every v(n+1) is FULL compatible with v(n)');

for (const topic of topicNames) {
  const versions = versionsOf(topic);
  for (let i = 1; i < versions.length; i += 1) {
    const [older, newer] = [versions[i - 1]!, versions[i]!];
    full(`${topic}: ${older} ↔ ${newer} resolve both ways and random records survive`, () => {
      const report = checkFullCompatibility(schemaFor(topic, older), schemaFor(topic, newer), 200);
      assert.equal(report.problems, []);
      assert.ok(report.compatible);
    });
    full(`${topic}: the sample written with ${newer} reads as ${older}, and back with the envelope null`, () => {
      const sample = samples[topic];
      const asOlder = avroType(topic, older).fromBuffer(
        encode(topic, sample, newer),
        avroType(topic, older).createResolver(avroType(topic, newer)),
      );
      assert.equal(structuredClone(asOlder).data, sample.data);
      const back = decode(topic, encode(topic, sample, older), { writerVersion: older });
      assert.equal(back.data, sample.data);
      for (const name of envelopeFields) assert.is(back[name], null, name);
    });
  }
}

full.run();

const broken = suite('the check refuses incompatible changes');
const base = schemaFor('eventos-contratos', 'v2');
const payloadOf = (fields: AvroField[]) => (fields[0]!.type as [string, AvroRecord])[1];

broken('a field appended without a default (old data has nothing to fill it with)', () => {
  const report = checkFullCompatibility(
    base,
    withFields(base, (f) => [...f, { name: 'canal', type: ['null', 'string'] }]),
  );
  assert.not.ok(report.compatible);
  assert.match(report.problems.join('\n'), /newer cannot read older/);
});

broken('a payload field changing type (string → int)', () => {
  const changed = withFields(base, (f) => {
    const moneda = payloadOf(f).fields.find((x) => x.name === 'moneda')!;
    moneda.type = ['null', 'int'];
    return f;
  });
  const report = checkFullCompatibility(base, changed);
  assert.not.ok(report.compatible);
  assert.match(report.problems.join('\n'), /older cannot read newer/);
});

broken('a field removed that has no default (a v1 reader needs it)', () => {
  const v1 = schemaFor('eventos-contratos', 'v1');
  assert.not.ok(
    checkFullCompatibility(
      v1,
      withFields(v1, (f) => f.slice(1)),
    ).compatible,
  );
});

broken('a renamed record (Pulsar and Avro match records by name)', () => {
  const renamed = { ...(base as AvroRecord), name: 'EventoContratoCreadoV2' } as Schema;
  assert.not.ok(checkFullCompatibility(base, renamed).compatible);
});

broken.run();
