import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  amountOf,
  decode,
  deterministicId,
  encode,
  sagaIds,
  samples,
  schemaFor,
  schemaText,
  topicNames,
  versionOfSchema,
  versionsOf,
} from '@alpes/contracts';

const codec = suite('encode / decode');

codec('every sample survives encode → decode in its latest version, as a plain object', () => {
  for (const topic of topicNames) {
    const decoded = decode(topic, encode(topic, samples[topic]));
    assert.equal(decoded, samples[topic], topic);
    assert.is(Object.getPrototypeOf(decoded), Object.prototype, topic);
  }
});

codec('decode takes any Uint8Array, not only a Buffer', () => {
  const bytes = new Uint8Array(encode('eventos-contratos', samples['eventos-contratos']));
  assert.equal(decode('eventos-contratos', bytes), samples['eventos-contratos']);
});

codec('v1 bytes decoded as v2 without naming the writer version fail loudly (truncated)', () => {
  const v1 = encode('eventos-contratos', samples['eventos-contratos'], 'v1');
  assert.throws(() => decode('eventos-contratos', v1));
});

codec('versionOfSchema recognises our schema texts (as registered in Pulsar) and nothing else', () => {
  for (const topic of topicNames) {
    for (const version of versionsOf(topic)) assert.is(versionOfSchema(topic, schemaText(topic, version)), version);
  }
  assert.is(versionOfSchema('eventos-contratos', schemaFor('eventos-campanas', 'v1')), undefined);
});

codec.run();

const ids = suite('deterministic ids and money');

ids('deterministicId is RFC 9562 UUIDv5 (vectors from Python uuid.uuid5) and unambiguous about parts', () => {
  assert.is(deterministicId('saga', '8a1d7b5e-2f3c-4a6b-9c8d-0e1f2a3b4c5d'), '35c2ac0e-69f9-5a97-a025-f092af746586');
  assert.is(deterministicId('a:b'), '94b69980-e7e0-55f7-892e-f4613b8f546f');
  assert.is(deterministicId('a', 'b'), '7acf54f4-e92f-58a9-ae54-e01f104af003');
});

ids('one registration → one saga, one campaign, one contract, one id per command', () => {
  const saga = sagaIds.correlationId('8a1d7b5e-2f3c-4a6b-9c8d-0e1f2a3b4c5d');
  assert.is(saga, sagaIds.correlationId('8a1d7b5e-2f3c-4a6b-9c8d-0e1f2a3b4c5d'));
  const all = [
    saga,
    sagaIds.campanaId(saga),
    sagaIds.contratoId(saga),
    sagaIds.commandId('CrearCampana', saga),
    sagaIds.commandId('EliminarCampana', saga),
  ];
  assert.is(new Set(all).size, all.length);
  assert.is.not(sagaIds.correlationId('another'), saga);
});

ids('amountOf prefers the exact decimal and rounds the legacy float32 otherwise', () => {
  assert.is(amountOf('2500.10', 2500.1, 2), '2500.10');
  assert.is(amountOf(null, Math.fround(0.1)), '0.10');
  assert.is(amountOf(null, 100), '100.00');
  assert.is(amountOf(null, null), null);
  assert.throws(() => amountOf('1e3', null), /not a decimal/);
});

ids.run();
