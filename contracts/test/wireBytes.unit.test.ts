import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { avroType, decode, encode } from '@alpes/contracts';
import type { EventoContratoCreado, EventoInfluencerRegistrado } from '@alpes/contracts';

// Byte vectors computed by hand from the Avro 1.11 spec ("Binary Encoding"): a union is the zig-zag varint of the
// branch index then the value; null is nothing; strings and blocks are zig-zag varint lengths/counts; float is
// 4 bytes little-endian; arrays end with a zero-count block; record fields follow in declaration order. This is
// what the Python client (fastavro.schemaless_writer) and Java (BinaryEncoder) write: no header, no prefix.
const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
/** Compared as hex text so a failure shows which byte differs. */
const sameBytes = (actual: Buffer, expected: Buffer) => assert.is(actual.toString('hex'), expected.toString('hex'));
const nullEnvelope = {
  message_id: null,
  message_type: null,
  correlation_id: null,
  causation_id: null,
  occurred_at: null,
  producer_service: null,
};

const registrado: EventoInfluencerRegistrado = {
  data: { id_influencer: 'a', nombre: null, email: 'b@c', categorias: ['x'], fecha_registro: 64 },
  ...nullEnvelope,
};
const registradoV1 = hex(`
  02
  02 02 61
  00
  02 06 62 40 63
  02 02 02 78 00
  02 80 01`);

const wire = suite('v1 bytes are the plain Avro binary the Python client writes');

wire('a null payload is the single byte of union branch 0', () => {
  sameBytes(encode('eventos-influencers', { data: null, ...nullEnvelope }, 'v1'), hex('00'));
});

wire(
  'EventoInfluencerRegistrado: branch 1 per field, null, string, array block, long varint, in declaration order',
  () => {
    sameBytes(encode('eventos-influencers', registrado, 'v1'), registradoV1);
    assert.equal(decode('eventos-influencers', registradoV1, { writerVersion: 'v1' }), registrado);
  },
);

wire('EventoContratoCreado: the legacy money float is 4 bytes little-endian (100.0 = 0x42c80000)', () => {
  const contrato: EventoContratoCreado = {
    data: {
      id_contrato: null,
      id_influencer: null,
      id_campana: null,
      monto_total: 100,
      moneda: 'ñ',
      tipo_contrato: null,
      fecha_creacion: null,
    },
    ...nullEnvelope,
    monto_total_decimal: null,
  };
  sameBytes(encode('eventos-contratos', contrato, 'v1'), hex('02 00 00 00 02 0000c842 02 04 c3b1 00 00'));
});

wire('v2 bytes are the v1 bytes followed by the envelope, so a v1 reader decodes the prefix and stops', () => {
  const withEnvelope = { ...registrado, message_id: 'm', occurred_at: -1 };
  const v2 = encode('eventos-influencers', withEnvelope);
  sameBytes(v2, Buffer.concat([registradoV1, hex('02 02 6d  00  00  00  02 01  00')]));
  // What a legacy reader does (fastavro.schemaless_reader with its own v1 schema): read its fields, ignore the rest.
  const legacy = avroType('eventos-influencers', 'v1').decode(v2, 0);
  assert.is(legacy.offset, registradoV1.length);
  assert.equal(structuredClone(legacy.value), { data: registrado.data });
});

wire.run();
