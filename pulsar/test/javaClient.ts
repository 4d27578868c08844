import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, resolveClasspath } from '@alpes/infra';

// The official Java client (pulsar/java: pom + AvroInterop.java), compiled once per source change and cached
// in .cache/, so the interop tests can run it as a child process.
const run = promisify(execFile);
const javaDir = join(repoRoot, 'pulsar', 'java');
const sourceDir = join(javaDir, 'src', 'main', 'java', 'alpes', 'pulsar', 'interop');
const settingsFile = join(repoRoot, 'infra', 'pulsar-standalone', 'settings.xml');
const MAIN = 'alpes.pulsar.interop.AvroInterop';

export interface JavaClient {
  /** Runs AvroInterop with `args`; resolves with its stdout lines, rejects with its stderr. */
  run(args: readonly string[], timeoutMs?: number): Promise<string[]>;
}

function javaHome(): string {
  return process.env['JAVA_HOME'] ? join(process.env['JAVA_HOME'], 'bin') : '';
}

export async function buildJavaClient(log: (line: string) => void): Promise<JavaClient> {
  const pomHash = createHash('sha256')
    .update(readFileSync(join(javaDir, 'pom.xml')))
    .digest('hex')
    .slice(0, 8);
  const classpath = await resolveClasspath({
    projectDir: javaDir,
    cacheKey: `pulsar-java-interop-${pomHash}`,
    settingsFile,
    log,
  });
  const sources = readdirSync(sourceDir)
    .filter((f) => f.endsWith('.java'))
    .map((f) => join(sourceDir, f));
  const hash = createHash('sha256');
  for (const file of sources) hash.update(readFileSync(file));
  hash.update(classpath.join(':'));
  const classes = join(repoRoot, '.cache', 'pulsar-java-interop', hash.digest('hex').slice(0, 16));
  const bin = javaHome();
  if (existsSync(classes)) log(`Java interop program: cached in ${classes}`);
  else {
    log('Java interop program: compiling with javac …');
    const tmp = `${classes}.tmp-${process.pid}`;
    mkdirSync(tmp, { recursive: true });
    await run(join(bin, 'javac'), ['-nowarn', '-d', tmp, '-cp', classpath.join(':'), ...sources]).catch(
      (e: { stderr?: string }) => {
        rmSync(tmp, { recursive: true, force: true });
        throw new Error(`javac failed:\n${e.stderr ?? String(e)}`);
      },
    );
    renameSync(tmp, classes);
    log(`Java interop program: compiled into ${classes}`);
  }
  const cp = [classes, ...classpath].join(':');
  return {
    run: async (args, timeoutMs = 120_000) => {
      try {
        const { stdout } = await run(
          join(bin, 'java'),
          ['-cp', cp, '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn', MAIN, ...args],
          { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
        );
        return stdout.split('\n').filter((l) => l.length > 0);
      } catch (e) {
        const err = e as { stderr?: string; code?: number | string; signal?: string };
        const how = err.signal ? `killed by ${err.signal}` : `exit code ${String(err.code)}`;
        throw new Error(
          `java ${MAIN} ${args.join(' ')} failed (${how}):\n${(err.stderr ?? '').split('\n').slice(-30).join('\n')}`,
          { cause: e },
        );
      }
    },
  };
}
