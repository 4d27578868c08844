// The dashboard in headless Chromium against the whole, real system (services, saga, relay, BFF):
// enter the operator token, register through the form, watch the saga go live to `completada`, and a failing
// one (a category outside the catalogue) to `compensada`, highlighted, all under the page's CSP (no violation
// reported); the operator panel (issue 18): the relay's dead-letter count, a saga's log opened from its row, the
// contract events of the operator's stream; saves artifacts/dashboard.png.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { sagaIds } from '@alpes/contracts';
import { bytesSchema, createPulsarClient } from '@alpes/pulsar';
import { startSystem, type SystemUnderTest } from '@alpes/infra/system';
import { testInfra, uniqueSuffix } from '@alpes/infra/testing';
import { ensureChromium } from './support/ensureChromium.ts';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let system: SystemUnderTest;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const test = suite('dashboard (headless Chromium, whole system)');
test.before(async () => {
  const executablePath = ensureChromium();
  const infra = testInfra();
  system = await startSystem({
    databaseServerUrl: infra.databaseUrl,
    pulsarUrl: infra.pulsarUrl,
    pulsarAdminUrl: infra.pulsarAdminUrl,
    name: `dashboard_${uniqueSuffix().replace(/-/g, '_')}`,
  });
  browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) pageErrors.push(message.text());
  });
  await page.goto(`${system.url('bff')}/`);
  await page.waitForSelector('#conexion[data-estado="conectado"]', { timeout: 10_000 });
});
test.after(async () => {
  await browser?.close();
  await system?.close();
});

async function register(nombre: string, email: string, categorias = 'moda, lifestyle'): Promise<string> {
  const idInfluencer = await page.inputValue('[name="id_influencer"]');
  await page.fill('[name="nombre"]', nombre);
  await page.fill('[name="email"]', email);
  await page.fill('[name="categorias"]', categorias);
  await page.click('#registro button[type="submit"]');
  // Wait for this registration's answer (the previous one's may still be shown).
  const expected = sagaIds.correlationId(idInfluencer);
  await page.waitForSelector(`#resultado.ok[data-correlacion="${expected}"]`, { timeout: 10_000 });
  const correlacion = await page.getAttribute('#resultado', 'data-correlacion');
  assert.is(correlacion, expected);
  return correlacion as string;
}

const estadoDe = (correlacion: string) => `tr[data-correlacion="${correlacion}"] td.estado-saga`;

/** Polls from Node: a string predicate in the page would be an eval, which the page's CSP refuses. */
async function waitForText(selector: string, matches: (text: string) => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!matches((await page.textContent(selector).catch(() => null)) ?? '')) {
    if (Date.now() > deadline) throw new Error(`${selector} never showed the expected text`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForEstado(correlacion: string, estado: string): Promise<void> {
  await waitForText(estadoDe(correlacion), (text) => text === estado, 60_000);
}

/**
 * Records every state each saga row shows, as the DOM changes (a MutationObserver runs after each SSE
 * message's task): a saga can go from en_curso to completada between two animation frames, which polling
 * the page would miss.
 */
async function recordEstados(): Promise<void> {
  // A string: the test compiles without the DOM library.
  await page.evaluate(`(() => {
    const seen = [];
    window.estados = seen;
    new MutationObserver(() => {
      for (const td of document.querySelectorAll('td.estado-saga')) {
        const correlacion = td.closest('tr')?.getAttribute('data-correlacion') ?? '';
        const estado = td.textContent ?? '';
        const last = seen.findLast(([c]) => c === correlacion);
        if (last?.[1] !== estado) seen.push([correlacion, estado]);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
}

async function estadosShown(correlacion: string): Promise<string[]> {
  const seen = (await page.evaluate('window.estados')) as [string, string][];
  return seen.filter(([c]) => c === correlacion).map(([, estado]) => estado);
}

test("without the operator token the stream is the public view; with it, the operator's", async () => {
  assert.match(String(await page.textContent('#conexion')), /vista pública/);
  await page.fill('#operador [name="token"]', 'not-the-operator-token-but-long-enough-to-try');
  await page.click('#operador button[type="submit"]');
  await page.waitForSelector('#operador output:has-text("rechazado")', { timeout: 10_000 });
  await page.fill('#operador [name="token"]', system.settings.env?.['BFF_OPERATOR_TOKEN'] ?? '');
  await page.click('#operador button[type="submit"]');
  await waitForText('#conexion', (text) => text.includes('operador'), 10_000);
  assert.is(await page.getAttribute('#conexion', 'data-estado'), 'conectado');
});

test('a registration shows up and reaches completada live, step by step', async () => {
  await recordEstados();
  const correlacion = await register('Ana Gómez', `ana.${Date.now()}@gmail.com`);
  await waitForEstado(correlacion, 'completada');
  const shown = await estadosShown(correlacion);
  assert.ok(
    shown.indexOf('en_curso') >= 0 && shown.indexOf('en_curso') < shown.indexOf('completada'),
    `states shown live: ${shown.join(' → ')}`,
  );
  const pasos = await page.$$eval(`tr[data-correlacion="${correlacion}"] td.paso`, (tds) =>
    tds.map((td) => td.textContent),
  );
  assert.equal(pasos, ['completado', 'completado', 'completado']);
  assert.is(await page.textContent(`tr[data-correlacion="${correlacion}"] td.influencer`), 'Ana Gómez');
});

test("the operator panel: the relay's dead-letter count, and the contract event of a completed saga", async () => {
  assert.is(await page.isVisible('#panel-operador'), true);
  // The contratos service's event for the saga completed above, live on the operator's stream.
  await page.waitForSelector('#contratos li.contrato', { timeout: 30_000 });
  await deadLetter(system.settings.namespace);
  // The relay reads the admin API at most every 5 s; the panel asks again on each click.
  const deadline = Date.now() + 30_000;
  while ((await page.textContent('#dlq-total')) !== '1') {
    if (Date.now() > deadline)
      throw new Error(`the panel never showed the dead letter: ${await page.textContent('#dlq-total')}`);
    await page.click('#dlq-actualizar');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  assert.match(String(await page.textContent('#dlq tbody')), /e2e-panel-sub-e2e-DLQ/);
});

test('a failing saga is highlighted: failed step, compensation, compensada', async () => {
  const correlacion = await register('Bruno Falla', `bruno.${Date.now()}@gmail.com`, 'astrología');
  await waitForEstado(correlacion, 'compensada');
  const fila = `tr[data-correlacion="${correlacion}"]`;
  assert.is(await page.getAttribute(fila, 'class'), 'compensada');
  assert.is(await page.textContent(`${fila} td[data-paso="influencer"]`), 'compensado');
  assert.match(String(await page.getAttribute(`${fila} td[data-paso="campana"]`, 'class')), /fallido/);
  assert.ok((await page.$$('#eventos li.error')).length >= 4, 'failures and compensations are listed as errors');
  // Its row opens its log (the saga service's GET /sagas/{id} through the BFF's operator access).
  await page.click(`${fila} td.estado-saga`);
  await page.waitForSelector(`#log-saga[data-correlacion="${correlacion}"][data-estado="compensada"]`, {
    timeout: 10_000,
  });
  assert.ok((await page.$$('#log-saga tbody tr.error')).length >= 1, 'the failed step is in the log');
  assert.ok((await page.$$('#log-saga tbody tr.compensacion')).length >= 1, 'the compensations are in the log');
  assert.match(
    String(await page.textContent('#log-resumen')),
    new RegExp(`${correlacion} · compensada · \\d+ transiciones en \\d+ ms`),
  );
  const ms = await page.$$eval('#log-saga tbody tr td:nth-child(3)', (tds) => tds.map((td) => Number(td.textContent)));
  assert.ok(ms.length >= 4 && ms.every((n) => Number.isInteger(n) && n >= 0), `timings: ${ms.join(', ')}`);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}dashboard.png`, fullPage: true });
});

test('an invalid form answer marks the fields the BFF named', async () => {
  await page.fill('[name="nombre"]', 'Carla');
  await page.fill('[name="email"]', 'no-es-email');
  await page.click('#registro button[type="submit"]');
  await page.waitForSelector('#resultado.fallo');
  assert.is(await page.getAttribute('[name="email"]', 'aria-invalid'), 'true');
  assert.equal(pageErrors, []);
});

/**
 * One message on a dead-letter topic of the system's namespace, named as the Pulsar client names them
 * (`<topic>-<subscription>-DLQ`, kept by subscription `<subscription>-DLQ`), which the relay's gauge counts.
 */
async function deadLetter(namespace: string): Promise<void> {
  const client = createPulsarClient({ serviceUrl: testInfra().pulsarUrl });
  try {
    const topic = `persistent://${namespace}/e2e-panel-sub-e2e-DLQ`;
    const keeper = await client.subscribe({ topic, subscription: 'sub-e2e-DLQ', schema: bytesSchema() });
    await keeper.close();
    const producer = await client.createProducer({ topic, schema: bytesSchema() });
    await producer.send({ value: Buffer.from('poison') });
    await producer.close();
  } finally {
    await client.close();
  }
}

test.run();
