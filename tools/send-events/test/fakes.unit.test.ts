import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { categoriasOriginales, dominios, fakeInfluencer, nombres } from '../src/fakeInfluencer.ts';
import { createRandom } from '../src/random.ts';
import { applyAssignments, parseAssignment } from '../src/setPath.ts';

const test = suite('fakes and --set');
const at = new Date(Date.UTC(2025, 8, 20, 3, 21, 45, 872));

test('fake influencers look like the original script made them', () => {
  const random = createRandom(1);
  for (let i = 0; i < 500; i++) {
    const fake = fakeInfluencer(random, at);
    assert.ok((nombres as readonly (string | null)[]).includes(fake.nombre));
    const [local, domain] = (fake.email ?? '').split('@');
    assert.ok((dominios as readonly (string | undefined)[]).includes(domain), fake.email ?? '');
    assert.match(local ?? '', /^[a-z]+\.[a-z]+([1-9]\d{0,2})$/);
    const categorias = fake.categorias ?? [];
    assert.ok(categorias.length >= 2 && categorias.length <= 4, String(categorias.length));
    assert.is(new Set(categorias).size, categorias.length, 'distinct categories');
    assert.ok(categorias.every((c) => (categoriasOriginales as readonly string[]).includes(c)));
    assert.is(fake.descripcion, `Influencer de ${categorias[0]} y ${categorias[1]} con gran engagement`);
    assert.is(fake.biografia, `Creador de contenido especializado en ${categorias[0]} con más de 50K seguidores`);
    assert.match(fake.sitio_web ?? '', /^https:\/\/[a-z]+\.com$/);
    assert.match(fake.telefono ?? '', /^\+346\d{8}$/);
    assert.match(fake.id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.is(fake.fecha_creacion, '2025-09-20T03:21:45.872000');
  }
});

test('accents are dropped from emails and web sites', () => {
  const fake = fakeInfluencer(createRandom(3), at, { nombre: 'Sebastián Morales' });
  assert.match(fake.email ?? '', /^sebastian\.morales\d+@/);
  assert.is(fake.sitio_web, 'https://sebastianmorales.com');
});

test('the same seed draws the same fakes', () => {
  const a = createRandom(99);
  const b = createRandom(99);
  assert.equal(fakeInfluencer(a, at), fakeInfluencer(b, at));
  assert.is(a.uuid(), b.uuid());
});

test('--set paths: JSON values, text otherwise, numbers over text stay text, objects created', () => {
  const record = { data: { nombre: 'Ana', telefono: '1', categorias: ['moda'], monto: 1 } };
  const set = (...texts: string[]) =>
    applyAssignments(record, texts.map(parseAssignment)) as { data: Record<string, unknown>; extra?: unknown };
  assert.equal(set('data.nombre=Ana María = Ana').data['nombre'], 'Ana María = Ana');
  assert.equal(set('data.telefono=600111222').data['telefono'], '600111222');
  assert.equal(set('data.monto=2500.5').data['monto'], 2500.5);
  assert.equal(set('data.categorias=["arte"]').data['categorias'], ['arte']);
  assert.equal(set('data.nombre=null').data['nombre'], null);
  assert.equal(set('extra.a.b=1').extra, { a: { b: 1 } });
  assert.equal(record.data.nombre, 'Ana', 'the input is not mutated');
  assert.throws(() => parseAssignment('data..x=1'), /path=value/);
});

test.run();
