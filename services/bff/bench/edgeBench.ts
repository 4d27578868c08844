// `npm run bench:edge`: 3 000 stream connections that all resume from the start of `eventos-saga` (half from 30
// loopback addresses, half from 1 500 others), against the whole system with the BFF's default caps (1 000
// streams, 20 per address: the excess must get 429/503). Registrations from another address: one from a process of
// its own once the burst is under way (registrant.ts: timed in this process, it also waited behind this process's
// own 3 000 answers), then some while the streams are held open. Prints the BFF's resident memory (idle baseline of the same
// run, peak, and with the streams held), its CPU time, whether it restarted, how the connections were answered
// and how long the registrations took. BENCH_MAX_CLIENTS raises the global cap (e.g. 3000 to hold them all).
// Figures: docs/benchmarks.md.
import { request } from 'node:http';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { NODE_OPTIONS } from '@alpes/infra';
import { startSystem } from '@alpes/infra/system';
import { benchInfra, sleep, table } from '../../../scripts/bench/benchInfra.ts';

const STREAMS = Number(process.env['BENCH_STREAMS'] ?? 3000);
const MAX_CLIENTS = process.env['BENCH_MAX_CLIENTS'];
const SAGAS = Number(process.env['BENCH_SAGAS'] ?? 40);
const WINDOW_MS = process.env['BENCH_REPLAY_WINDOW_MS'] ?? '5000';
/** A folder for a V8 CPU profile of the BFF (written when it stops): where the burst's time goes. */
const PROFILE_DIR = process.env['BENCH_BFF_CPU_PROFILE_DIR'];

const infra = await benchInfra();
const system = await startSystem({
  databaseServerUrl: infra.databaseUrl,
  pulsarUrl: infra.pulsarUrl,
  pulsarAdminUrl: infra.pulsarAdminUrl,
  name: `bench_edge_${process.pid}`,
  // A 5 s replay window: the topic's start, written before the pause below, is then older than the window, as it
  // is in any system that has run longer than its window (15 min by default).
  envFor: {
    bff: {
      SSE_REPLAY_BUFFER: '50',
      SSE_REPLAY_WINDOW_MS: WINDOW_MS,
      ...(MAX_CLIENTS ? { SSE_MAX_CLIENTS: MAX_CLIENTS } : {}),
      ...(PROFILE_DIR ? { NODE_OPTIONS: `${NODE_OPTIONS} --cpu-prof --cpu-prof-dir=${PROFILE_DIR}` } : {}),
    },
  },
});
const bff = system.url('bff');
const pid = system.pid('bff') as number;
/** NaN once the process is gone (a crash is reported below, with its output). */
const rssMb = (): number => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
};

/** The BFF's own view of its memory (prom-client's default metrics), from an address the caps do not touch. */
async function heapMb(): Promise<{ used: number; external: number }> {
  const text = await fetch(`${bff}/metrics`).then((r) => r.text());
  const value = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+]+)$`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
  return { used: value('nodejs_heap_size_used_bytes'), external: value('nodejs_external_memory_bytes') };
}

async function register(from: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const status = await new Promise<number>((resolve, reject) => {
    const body = JSON.stringify({
      nombre: 'Bench Edge',
      email: `bench.${Math.random().toString(36).slice(2)}@gmail.com`,
      categorias: ['moda'],
    });
    const req = request(
      `${bff}/influencers`,
      { method: 'POST', localAddress: from, agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  return { status, ms: performance.now() - started };
}

/** A registrant in a process of its own, started now and posting when `go()` is called (see registrant.ts). */
async function registrant(from: string): Promise<{ go(): Promise<{ status: number; ms: number }> }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./registrant.ts', import.meta.url)), bff, from], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let waiting: (() => void) | undefined;
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    lines.push(...text.split('\n').filter(Boolean));
    waiting?.();
  });
  const line = async (): Promise<string> => {
    while (lines.length === 0)
      await new Promise<void>((resolve) => {
        waiting = resolve;
      });
    return lines.shift() as string;
  };
  if ((await line()) !== 'ready') throw new Error('the registrant did not start');
  return {
    go: async () => {
      child.stdin.write('go\n');
      const result = JSON.parse(await line()) as { status: number; ms: number };
      await once(child, 'exit');
      return result;
    },
  };
}

/** The registration goes out once this many stream connections were answered: the BFF is then mid-burst. */
const UNDERWAY = 300;
let answered = 0;
let burstUnderway: () => void = () => undefined;
const underway = new Promise<void>((resolve) => {
  burstUnderway = resolve;
});

/** A stream from `from` that resumes from the very start and reads (and drops) whatever comes. */
function openStream(from: string): Promise<{ status: number; reset(): boolean; close(): void }> {
  return new Promise((resolve) => {
    const req = request(
      `${bff}/stream`,
      { localAddress: from, agent: false, headers: { accept: 'text/event-stream', 'last-event-id': '0:0:-1:-1' } },
      (res) => {
        let reset = false;
        res.on('data', (chunk: Buffer) => {
          reset ||= chunk.includes('event: reset');
        });
        answered += 1;
        if (answered === UNDERWAY) burstUnderway();
        resolve({ status: res.statusCode ?? 0, reset: () => reset, close: () => req.destroy() });
      },
    );
    req.on('error', () => resolve({ status: 0, reset: () => false, close: () => undefined }));
    req.end();
  });
}

for (let i = 0; i < SAGAS; i += 1) await register('127.0.0.1');
await sleep(Number(WINDOW_MS) + 3000);
const idle = rssMb();
const idleHeap = await heapMb();
let peak = idle;
const sampler = setInterval(() => {
  peak = Math.max(peak, rssMb());
}, 100);
const address = (n: number) => `127.0.${2 + Math.floor(n / 250)}.${1 + (n % 250)}`;
const cpuSeconds = (): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const other = await registrant('127.0.1.250');
const cpuBefore = cpuSeconds();
const opening = Array.from({ length: STREAMS }, (_, i) => openStream(address(i < STREAMS / 2 ? i % 30 : 30 + i)));
const during = underway.then(() => other.go());
const openingStarted = performance.now();
const streams = await Promise.all(opening);
const openingMs = performance.now() - openingStarted;
const registration = await during;
const cpuBurst = cpuSeconds() - cpuBefore;
await sleep(5000);
const held: number[] = [];
for (let i = 0; i < 5; i += 1) {
  held.push((await register(`127.0.1.${240 + i}`)).ms);
  await sleep(500);
}
const steady = rssMb();
const steadyHeap = await heapMb();
await sleep(5000);
clearInterval(sampler);
const count = (status: number) => streams.filter((s) => s.status === status).length;
const restarted = system.pid('bff') !== pid;
if (restarted) console.log(`the BFF died; its last output:\n${system.output('bff').slice(-4000)}`);
console.log(
  table(
    ['measure', 'value'],
    [
      ['stream connections asked (resume from 0:0:-1:-1), half from 30 addresses, half from 1 500', streams.length],
      ['global cap (SSE_MAX_CLIENTS)', MAX_CLIENTS ?? '1000 (default)'],
      [
        'answered 200 / 429 / 503 / other',
        `${count(200)} / ${count(429)} / ${count(503)} / ${streams.length - count(200) - count(429) - count(503)}`,
      ],
      [`open streams told \`event: reset\` (replay window ${WINDOW_MS} ms)`, streams.filter((s) => s.reset()).length],
      ['time until every connection was answered (ms)', openingMs.toFixed(0)],
      ['BFF RSS idle, same run (MB)', idle.toFixed(1)],
      ['BFF CPU time while the connections were answered (s)', cpuBurst.toFixed(2)],
      ['BFF RSS peak, burst included (MB)', peak.toFixed(1)],
      ['BFF RSS with the streams held open (MB)', steady.toFixed(1)],
      [
        'BFF V8 heap used / external memory, idle → streams held (MB, its /metrics)',
        `${idleHeap.used.toFixed(1)} / ${idleHeap.external.toFixed(1)} → ${steadyHeap.used.toFixed(1)} / ${steadyHeap.external.toFixed(1)}`,
      ],
      ['BFF restarted', restarted ? 'yes' : 'no'],
      ['machine load average (1 min) at the end: the machine is shared', loadavg()[0]?.toFixed(1) ?? '?'],
      [
        `POST /influencers from another address and process, sent once ${UNDERWAY} of the connections were answered`,
        `${registration.status} in ${registration.ms.toFixed(0)} ms`,
      ],
      [
        'POST /influencers from other addresses while the streams are held (5, slowest)',
        `${Math.max(...held).toFixed(0)} ms`,
      ],
    ],
  ),
);
for (const s of streams) s.close();
await system.close();
await infra.stop();
process.exit(steady <= 150 && !restarted && registration.status === 202 && Math.max(...held) < 1000 ? 0 : 1);
