import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot, resolveClasspath } from '@alpes/infra';
import { fromRate, MESSAGE_SIZE, sustainedRate } from './stats.ts';
import type { PhaseResult } from './stats.ts';

// Pulsar's own load generator (org.apache.pulsar.testclient, "pulsar-perf"), resolved with Maven from
// pulsar/java/perf/pom.xml and run in a JVM of its own. Its Java client reports per-second rates (-i 1);
// its HdrHistogram gives the publish latency.
const perfDir = join(repoRoot, 'pulsar', 'java', 'perf');
const settingsFile = join(repoRoot, 'infra', 'pulsar-standalone', 'settings.xml');
const MAIN = 'org.apache.pulsar.testclient.PulsarPerfTestTool';

export interface PulsarPerf {
  produce(topic: string, opts: { seconds: number; rate: number; window: number }): Promise<PhaseResult>;
  consume(topic: string, opts: { subscription: string; seconds: number }): Promise<PhaseResult>;
}

export async function loadPulsarPerf(
  urls: { serviceUrl: string; adminUrl: string },
  log: (line: string) => void,
): Promise<PulsarPerf> {
  const pomHash = createHash('sha256')
    .update(readFileSync(join(perfDir, 'pom.xml')))
    .digest('hex')
    .slice(0, 8);
  const classpath = await resolveClasspath({
    projectDir: perfDir,
    cacheKey: `pulsar-perf-${pomHash}`,
    settingsFile,
    log,
  });
  const confDir = join(repoRoot, '.cache', 'pulsar-perf');
  mkdirSync(confDir, { recursive: true });
  const clientConf = join(confDir, 'client.conf');
  writeFileSync(clientConf, `serviceUrl=${urls.serviceUrl}\nwebServiceUrl=${urls.adminUrl}\n`);
  const run = (args: string[]) => runJava(['-Xmx1g', '-cp', classpath.join(':'), MAIN, clientConf, ...args], log);
  const common = ['-u', urls.serviceUrl, '-i', '1'];
  return {
    produce: async (topic, o) => {
      const lines = await run([
        'produce',
        ...common,
        '-au',
        urls.adminUrl,
        '-s',
        String(MESSAGE_SIZE),
        '-r',
        String(o.rate),
        '-o',
        String(o.window),
        '-b',
        '1',
        '-bm',
        '1000',
        '-bb',
        String(128 * 1024),
        '-time',
        String(o.seconds),
        topic,
      ]);
      const rates = samples(lines, /Publish throughput: ([\d.]+) msg\/s/);
      const count = Number(/Aggregated throughput stats --- (\d+) records sent/.exec(lines.join('\n'))?.[1] ?? 0);
      const latency =
        /Aggregated latency stats --- Latency: mean: +[\d.]+ ms - med: +([\d.]+) - 95pct: +[\d.]+ - 99pct: +([\d.]+)/.exec(
          lines.join('\n'),
        );
      if (!latency) throw new Error(`pulsar-perf produce printed no latency summary:\n${lines.slice(-20).join('\n')}`);
      return fromRate(sustainedRate(rates), count, { p50Ms: Number(latency[1]), p99Ms: Number(latency[2]) });
    },
    consume: async (topic, o) => {
      const lines = await run([
        'consume',
        ...common,
        '-ss',
        o.subscription,
        '-sp',
        'Earliest',
        '-q',
        '1000',
        '-time',
        String(o.seconds),
        topic,
      ]);
      const rates = samples(lines, /Consume throughput received: ([\d.]+) msgs\/s/);
      return fromRate(
        sustainedRate(rates),
        rates.reduce((a, b) => a + b, 0),
      );
    },
  };
}

function samples(lines: readonly string[], pattern: RegExp): number[] {
  return lines.flatMap((l) => {
    const m = pattern.exec(l);
    return m ? [Number(m[1])] : [];
  });
}

function runJava(args: string[], log: (line: string) => void): Promise<string[]> {
  const java = process.env['JAVA_HOME'] ? join(process.env['JAVA_HOME'], 'bin', 'java') : 'java';
  return new Promise((resolve, reject) => {
    const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const onLine = (line: string) => {
      lines.push(line);
      const rate = /(Publish throughput|Consume throughput received): ([\d.]+) msgs?\/s/.exec(line);
      if (rate)
        log(
          `pulsar-perf ${rate[1] === 'Publish throughput' ? 'produce' : 'consume'}: ${Math.round(Number(rate[2]))} msg/s`,
        );
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.on('error', (e) => reject(new Error(`cannot run java: ${e.message}`)));
    child.on('exit', (code) => {
      if (code === 0) resolve(lines);
      else reject(new Error(`pulsar-perf exited with code ${code}:\n${lines.slice(-30).join('\n')}`));
    });
  });
}
