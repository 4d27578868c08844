import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createAjv,
  httpSchemas,
  sagaIds,
  validateCrearInfluencerAccepted,
  validateCrearInfluencerBody,
} from '@alpes/contracts';

const valid = {
  id_influencer: '8a1d7b5e-2f3c-4a6b-9c8d-0e1f2a3b4c5d',
  nombre: 'Ana García',
  email: 'ana.garcia@gmail.com',
  categorias: ['moda', 'belleza'],
  plataformas: ['instagram', 'tiktok'],
  descripcion: 'Influencer de moda y belleza',
  biografia: 'Creadora de contenido',
  sitio_web: 'https://anagarcia.com',
  telefono: '+34 600 111 222',
};

/** The JSON pointers of the offending values, as the BFF reports them in a 400. */
const offending = (body: unknown) => validateCrearInfluencerBody(body).map((e) => e.field);

const body = suite('POST /influencers body');

body('a complete body and a minimal one are valid', () => {
  assert.equal(offending(valid), []);
  const { id_influencer, nombre, email, categorias } = valid;
  assert.equal(offending({ id_influencer, nombre, email, categorias }), []);
});

body('each bad field is reported by its path', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ id_influencer: 'inf 12345' }, '/id_influencer'],
    [{ id_influencer: '' }, '/id_influencer'],
    [{ id_influencer: 'x'.repeat(65) }, '/id_influencer'],
    [{ id_influencer: 'ana@example.com' }, '/id_influencer'],
    [{ nombre: '' }, '/nombre'],
    [{ nombre: '   ' }, '/nombre'],
    [{ nombre: 'x'.repeat(201) }, '/nombre'],
    [{ email: 'not-an-email' }, '/email'],
    [{ categorias: [] }, '/categorias'],
    [{ categorias: [''] }, '/categorias/0'],
    [{ categorias: Array.from({ length: 21 }, (_, i) => `c${i}`) }, '/categorias'],
    [{ plataformas: ['myspace'] }, '/plataformas/0'],
    [{ sitio_web: 'anagarcia' }, '/sitio_web'],
    [{ telefono: '123' }, '/telefono'],
    [{ telefono: '+34 600 abc 222' }, '/telefono'],
    [{ descripcion: 'x'.repeat(2001) }, '/descripcion'],
    [{ nombre: null }, '/nombre'],
  ];
  for (const [change, path] of cases)
    assert.ok(offending({ ...valid, ...change }).includes(path), `${JSON.stringify(change)} → ${path}`);
});

body('missing required fields and unknown fields are each reported (additionalProperties false)', () => {
  assert.equal(offending({ extra: 1 }).sort(), ['/categorias', '/email', '/extra', '/nombre']);
});

body("id_influencer: the original's ids and UUIDs are valid, and it may be absent (the BFF assigns one)", () => {
  for (const id_influencer of ['inf-002', 'INF_1.a:b', 'x', 'x'.repeat(64), valid.id_influencer])
    assert.equal(offending({ ...valid, id_influencer }), [], id_influencer);
  const { id_influencer: _id, ...sinId } = valid;
  assert.equal(offending(sinId), []);
});

body('non-objects are refused', () => {
  for (const value of [null, [], 'x', 1]) assert.equal(offending(value), ['']);
});

body.run();

const accepted = suite('POST /influencers 202 response');

accepted('carries the original message and success keys plus the ids to follow the saga', () => {
  const saga = sagaIds.correlationId(valid.id_influencer);
  const response = {
    message: 'Influencer procesado',
    success: true,
    id_influencer: valid.id_influencer,
    id_correlacion: saga,
    correlation_id: saga,
    estado_url: `/sagas/${saga}?token=t`,
    stream_url: `/stream?saga=${saga}&token=t`,
  };
  assert.equal(validateCrearInfluencerAccepted(response), []);
  assert.equal(
    validateCrearInfluencerAccepted({ message: 'Influencer procesado', success: true })
      .map((e) => e.field)
      .sort(),
    ['/correlation_id', '/estado_url', '/id_correlacion', '/id_influencer', '/stream_url'],
  );
});

accepted('every JSON Schema compiles under a strict Ajv (what Fastify will do)', () => {
  const ajv = createAjv();
  for (const schema of Object.values(httpSchemas)) assert.type(ajv.compile(schema), 'function');
});

accepted.run();
