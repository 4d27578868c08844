// Issue 16's privacy bar against the whole, real system: a registration's name, email and phone never reach a
// stranger (anonymous live stream, anonymous stream resumed from the start, GET /sagas/<id> without the token);
// the registrant sees its own saga with its token, an operator everything; a failure's stored text is masked.
import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startSystem, type SystemUnderTest } from '@alpes/infra/system';
import { testInfra, uniqueSuffix } from '@alpes/infra/testing';
import { rawStream } from './support/rawStream.ts';

let system: SystemUnderTest;
const test = suite('privacy at the public edge (whole system)');
test.before(async () => {
  const infra = testInfra();
  system = await startSystem({
    databaseServerUrl: infra.databaseUrl,
    pulsarUrl: infra.pulsarUrl,
    pulsarAdminUrl: infra.pulsarAdminUrl,
    name: `privacy_${uniqueSuffix().replace(/-/g, '_')}`,
  });
});
test.after(async () => {
  await system?.close();
});

const digits = String(Date.now()).slice(-8);
const persona = { nombre: `Privada Zq${digits}`, email: `privada.zq${digits}@gmail.com`, telefono: `+57 31${digits}` };
const secretos = [persona.nombre, persona.email, persona.telefono, `zq${digits}`];

interface Aceptado {
  id_correlacion: string;
  estado_url: string;
  stream_url: string;
}

async function registrar(idInfluencer: string): Promise<Aceptado> {
  const answer = await fetch(`${system.url('bff')}/influencers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id_influencer: idInfluencer, ...persona, categorias: ['moda'], biografia: 'Bio de prueba' }),
  });
  assert.is(answer.status, 202, await answer.clone().text());
  return answer.json() as Promise<Aceptado>;
}

async function sagaEnd(aceptado: Aceptado): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const answer = await fetch(`${system.url('bff')}${aceptado.estado_url}`);
    const saga = answer.ok ? ((await answer.json()) as Record<string, unknown>) : {};
    if (saga['estado'] === 'completada' || saga['estado'] === 'compensada') return saga;
    if (Date.now() > deadline) throw new Error(`saga ${aceptado.id_correlacion} never ended: ${JSON.stringify(saga)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const ended = (saga: string) => (text: string) =>
  text.includes(saga) && /"evento":"Saga(Completada|Compensada)"/.test(text.slice(text.lastIndexOf(saga)));

function assertNothingPersonal(what: string, text: string): void {
  for (const secreto of secretos) assert.not.ok(text.includes(secreto), `${what} shows ${secreto}`);
}

test('strangers see nothing personal; the registrant sees its own saga; an operator sees everything', async () => {
  const bff = system.url('bff');
  const live = await rawStream(`${bff}/stream`);
  const aceptado = await registrar(`inf-${digits}`);
  const saga = await sagaEnd(aceptado);
  assert.is(saga['estado'], 'completada');
  const liveText = await live.until(ended(aceptado.id_correlacion));
  live.close();
  const resumed = await rawStream(`${bff}/stream`, { 'last-event-id': '0:0:-1:-1' });
  const resumedText = await resumed.until(ended(aceptado.id_correlacion));
  resumed.close();
  const anonymous = await fetch(`${bff}/sagas/${aceptado.id_correlacion}`);
  const anonymousText = await anonymous.text();
  assert.is(anonymous.status, 401);
  assertNothingPersonal('the anonymous live stream', liveText);
  assertNothingPersonal('the anonymous stream resumed from the start', resumedText);
  assertNothingPersonal('GET /sagas/<id> without the token', anonymousText);

  // The saga service keeps ids and states (not the registration's texts): the registrant's link shows them all.
  assert.equal([saga['id_correlacion'], saga['id_influencer']], [aceptado.id_correlacion, `inf-${digits}`]);
  assert.not.ok(anonymousText.includes(`inf-${digits}`), "a stranger does not even see the client's id");
  const own = await rawStream(`${bff}${aceptado.stream_url}`);
  assert.is(own.status, 200);
  const ownText = await own.until(ended(aceptado.id_correlacion));
  own.close();
  assert.ok(
    ownText.includes(persona.email) && ownText.includes(persona.nombre),
    "the registrant's stream shows its registration",
  );

  const operatorToken = system.settings.env?.['BFF_OPERATOR_TOKEN'] ?? '';
  const ticket = await fetch(`${bff}/operator/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorToken}` },
  });
  assert.is(ticket.status, 201);
  const { stream_url } = (await ticket.json()) as { stream_url: string };
  const operator = await rawStream(`${bff}${stream_url}`, { 'last-event-id': '0:0:-1:-1' });
  const operatorText = await operator.until(ended(aceptado.id_correlacion));
  operator.close();
  assert.ok(operatorText.includes(persona.email), 'the operator stream shows the registration');
});

test('a contract refused for an email already under contract: the stored failure text masks the email', async () => {
  const live = await rawStream(`${system.url('bff')}/stream`);
  const segundo = await registrar(randomUUID());
  const saga = await sagaEnd(segundo);
  const liveText = await live.until(ended(segundo.id_correlacion));
  live.close();
  assert.equal([saga['estado'], saga['fallo_codigo']], ['compensada', 'CONTRATO_ACTIVO_EXISTENTE']);
  const mensaje = String(saga['fallo_mensaje']);
  assert.ok(mensaje.includes('p***@gmail.com'), mensaje);
  assert.not.ok(mensaje.includes(persona.email), mensaje);
  assert.not.ok(
    JSON.stringify(saga['log'] ?? []).includes(persona.email),
    "no raw email in the saga log's error texts",
  );
  assertNothingPersonal('the anonymous live stream of a failure', liveText);
  assert.match(liveText, /"error_codigo":"CONTRATO_ACTIVO_EXISTENTE"/);
});

test.run();
