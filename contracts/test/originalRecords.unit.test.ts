import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { catalogue, schemaFor, schemaText } from '@alpes/contracts';
import type { TopicName } from '@alpes/contracts';

// The original's records, transcribed a second time from reference/original-system.md §4.3 (field, Avro type),
// independently of the .avsc files, so a typo in either one fails here.
const S = 'string',
  F = 'float',
  L = 'long',
  B = 'boolean',
  A = { type: 'array', items: 'string' };
type Field = readonly [string, unknown];
const original: Record<string, { record: string; payload: string; fields: readonly Field[] }> = {
  'eventos-crear-influencer': {
    record: 'EventoCrearInfluencer',
    payload: 'CrearInfluencerPayload',
    fields: [
      ['id', S],
      ['nombre', S],
      ['email', S],
      ['categorias', A],
      ['descripcion', S],
      ['biografia', S],
      ['sitio_web', S],
      ['telefono', S],
      ['fecha_creacion', S],
      ['fecha_actualizacion', S],
    ],
  },
  'eventos-influencers': {
    record: 'EventoInfluencerRegistrado',
    payload: 'InfluencerRegistradoPayload',
    fields: [
      ['id_influencer', S],
      ['nombre', S],
      ['email', S],
      ['categorias', A],
      ['fecha_registro', L],
    ],
  },
  'comandos-campanas': {
    record: 'ComandoCrearCampana',
    payload: 'CrearCampanaPayload',
    fields: [
      ['fecha_creacion', S],
      ['fecha_actualizacion', S],
      ['id', S],
      ['nombre', S],
      ['descripcion', S],
      ['tipo_comision', S],
      ['valor_comision', F],
      ['moneda', S],
      ['fecha_inicio', S],
      ['fecha_fin', S],
      ['titulo_material', S],
      ['descripcion_material', S],
      ['categorias_objetivo', A],
      ['tipos_afiliado_permitidos', A],
      ['paises_permitidos', A],
      ['enlaces_material', A],
      ['imagenes_material', A],
      ['banners_material', A],
      ['metricas_minimas', S],
      ['auto_activar', B],
      ['influencer_origen_id', S],
      ['categoria_origen', S],
      ['influencer_origen_nombre', S],
      ['influencer_origen_email', S],
    ],
  },
  'eventos-campanas': {
    record: 'EventoCampanaCreada',
    payload: 'CampanaCreadaPayload',
    fields: [
      ['campana_id', S],
      ['nombre', S],
      ['descripcion', S],
      ['tipo_comision', S],
      ['valor_comision', F],
      ['moneda', S],
      ['categorias_objetivo', A],
      ['fecha_inicio', S],
      ['fecha_fin', S],
      ['influencer_id', S],
      ['influencer_nombre', S],
      ['influencer_email', S],
      ['monto_base', F],
      ['entregables', S],
      ['tipo_contrato', S],
      ['fecha_creacion', S],
    ],
  },
  'comandos-contratos-v2': {
    record: 'ComandoCrearContrato',
    payload: 'CrearContratoPayload',
    fields: [
      ['influencer_id', S],
      ['influencer_nombre', S],
      ['influencer_email', S],
      ['campana_id', S],
      ['campana_nombre', S],
      ['categorias', A],
      ['descripcion', S],
      ['monto_base', F],
      ['moneda', S],
      ['fecha_inicio', S],
      ['fecha_fin', S],
      ['entregables', S],
      ['tipo_contrato', S],
    ],
  },
  'eventos-contratos': {
    record: 'EventoContratoCreado',
    payload: 'ContratoCreadoPayload',
    fields: [
      ['id_contrato', S],
      ['id_influencer', S],
      ['id_campana', S],
      ['monto_total', F],
      ['moneda', S],
      ['tipo_contrato', S],
      ['fecha_creacion', S],
    ],
  },
  'eventos-contratos-error': {
    record: 'EventoContratoError',
    payload: 'ContratoErrorPayload',
    fields: [
      ['id_contrato', S],
      ['id_influencer', S],
      ['id_campana', S],
      ['monto_total', F],
      ['moneda', S],
      ['tipo_contrato', S],
      ['fecha_creacion', S],
      ['error', S],
      ['error_detalle', S],
    ],
  },
  'eventos-campanas-eliminacion-v2': {
    record: 'EventoCampanaEliminacionRequerida',
    payload: 'CampanaEliminacionRequeridaPayload',
    fields: [
      ['campana_id', S],
      ['influencer_id', S],
      ['razon', S],
      ['fecha_solicitud', S],
    ],
  },
};

/** What pulsar-client 3.7's `Record.schema()` builds: type, name, fields; every field `["null", T]`, no default. */
function pythonSchema(spec: { record: string; payload: string; fields: readonly Field[] }) {
  const payload = {
    type: 'record',
    name: spec.payload,
    fields: spec.fields.map(([name, type]) => ({ name, type: ['null', type] })),
  };
  return { type: 'record', name: spec.record, fields: [{ name: 'data', type: ['null', payload] }] };
}

const v1 = suite('v1 of every original topic is the original record');

v1('the catalogue flags exactly the original topics', () => {
  const flagged = Object.entries(catalogue)
    .filter(([, spec]) => spec.original)
    .map(([topic]) => topic);
  assert.equal(flagged.sort(), Object.keys(original).sort());
});

for (const [topic, spec] of Object.entries(original)) {
  v1(`${topic}: ${spec.record} with ${spec.fields.length} fields, in order, no namespace, no defaults`, () => {
    assert.equal(schemaFor(topic as TopicName, 'v1'), pythonSchema(spec));
  });
  v1(`${topic}: the schema text is json.dumps(schema, indent=True) and the file is exactly that`, () => {
    const text = JSON.stringify(pythonSchema(spec), null, 1);
    assert.is(schemaText(topic as TopicName, 'v1'), text);
    assert.is(readFileSync(new URL(`../avro/${topic}/v1.avsc`, import.meta.url), 'utf8'), `${text}\n`);
  });
}

v1('the saga deletion topic carries only the deletion request, never CampanaEliminada (D-14)', () => {
  assert.is(catalogue['eventos-campanas-eliminacion-v2'].recordName, 'EventoCampanaEliminacionRequerida');
  const confirmations = Object.entries(catalogue).filter(([, spec]) => spec.recordName === 'EventoCampanaEliminada');
  assert.equal(
    confirmations.map(([topic]) => topic),
    ['eventos-campanas-eliminadas'],
  );
});

v1.run();
