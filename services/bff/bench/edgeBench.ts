// `npm run bench:edge`: 3 000 streams that all resume from the start of `eventos-saga`, plus an excess that must
// be refused (429 per address, 503 in all), against the whole system; meanwhile a registration from another
// address. Prints the BFF's resident memory (idle baseline of the same run, then the peak), whether it restarted,
// how the connections were answered and how long the registration took. Figures: docs/benchmarks.md.
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { startSystem } from '@alpes/infra/system';
import { benchInfra, sleep, table } from '../../../scripts/bench/benchInfra.ts';

const STREAMS = Number(process.env['BENCH_STREAMS'] ?? 3000);
const PER_ADDRESS = 20;
const EXCESS = Number(process.env['BENCH_EXCESS'] ?? 200);
const SAGAS = Number(process.env['BENCH_SAGAS'] ?? 40);

const infra = await benchInfra();
const system = await startSystem({
  databaseServerUrl: infra.databaseUrl, pulsarUrl: infra.pulsarUrl, pulsarAdminUrl: infra.pulsarAdminUrl, name: `bench_edge_${process.pid}`,
  envFor: { bff: { SSE_MAX_CLIENTS: String(STREAMS), SSE_MAX_CLIENTS_PER_ADDRESS: String(PER_ADDRESS), SSE_REPLAY_BUFFER: '50' } },
});
const bff = system.url('bff');
const pid = system.pid('bff') as number;
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

async function register(from: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const status = await new Promise<number>((resolve, reject) => {
    const body = JSON.stringify({ nombre: 'Bench Edge', email: `bench.${Math.random().toString(36).slice(2)}@gmail.com`, categorias: ['moda'] });
    const req = request(`${bff}/influencers`, { method: 'POST', localAddress: from, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
  return { status, ms: performance.now() - started };
}

/** A stream from `from` that resumes from the very start and reads (and drops) whatever comes. */
function openStream(from: string): Promise<{ status: number; close(): void }> {
  return new Promise((resolve) => {
    const req = request(`${bff}/stream`, { localAddress: from, agent: false, headers: { accept: 'text/event-stream', 'last-event-id': '0:0:-1:-1' } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, close: () => req.destroy() });
    });
    req.on('error', () => resolve({ status: 0, close: () => undefined }));
    req.end();
  });
}

for (let i = 0; i < SAGAS; i += 1) await register('127.0.0.1');
await sleep(5000);
const idle = rssMb();
let peak = idle;
const sampler = setInterval(() => { peak = Math.max(peak, rssMb()); }, 100);
const address = (n: number) => `127.0.${2 + Math.floor(n / 250)}.${1 + (n % 250)}`;
const addresses = Math.ceil(STREAMS / PER_ADDRESS);
const opening = [
  ...Array.from({ length: STREAMS }, (_, i) => openStream(address(i % addresses))),
  ...Array.from({ length: EXCESS }, (_, i) => openStream(address(i % addresses))),
  ...Array.from({ length: EXCESS }, (_, i) => openStream(address(addresses + i))),
];
const during = register('127.0.1.250');
const streams = await Promise.all(opening);
const registration = await during;
await sleep(10_000);
clearInterval(sampler);
const count = (status: number) => streams.filter((s) => s.status === status).length;
const restarted = system.pid('bff') !== pid;
console.log(table(['measure', 'value'], [
  ['streams asked (resume from 0:0:-1:-1)', streams.length],
  ['answered 200 / 429 / 503 / other', `${count(200)} / ${count(429)} / ${count(503)} / ${streams.length - count(200) - count(429) - count(503)}`],
  ['BFF RSS idle, same run (MB)', idle.toFixed(1)],
  ['BFF RSS peak with the streams open (MB)', peak.toFixed(1)],
  ['BFF restarted', restarted ? 'yes' : 'no'],
  ['POST /influencers from another address meanwhile', `${registration.status} in ${registration.ms.toFixed(0)} ms`],
]));
for (const s of streams) s.close();
await system.close();
await infra.stop();
process.exit(peak <= 150 && !restarted && registration.status === 202 ? 0 : 1);
