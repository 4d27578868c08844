import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { cacheRoot } from './paths.ts';

export interface ResolveOptions {
  /** Folder holding pom.xml (and settings.xml, if any). */
  readonly projectDir: string;
  /** Name of the cache entry, e.g. `pulsar-broker-4.0.7`. */
  readonly cacheKey: string;
  /** Maven settings file; default: `settings.xml` in `projectDir`, if present. */
  readonly settingsFile?: string;
  readonly log: (line: string) => void;
}

/**
 * Resolves a pom's runtime dependencies with Maven and returns the classpath (jar paths in the
 * local Maven repository). The classpath file is cached; Maven runs again only when a jar is gone.
 */
export async function resolveClasspath(options: ResolveOptions): Promise<string[]> {
  const file = join(cacheRoot, `${options.cacheKey}.classpath`);
  const cached = readClasspath(file);
  if (cached) return cached;
  mkdirSync(cacheRoot, { recursive: true });
  options.log(
    `resolving ${options.cacheKey} with Maven (first run downloads the jars from Maven Central; this takes a minute or more) …`,
  );
  const started = Date.now();
  await runMaven(options, file);
  const resolved = readClasspath(file);
  if (!resolved) throw new Error(`Maven finished but ${file} lists missing jars`);
  options.log(`resolved ${resolved.length} jars in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return resolved;
}

function readClasspath(file: string): string[] | undefined {
  if (!existsSync(file)) return undefined;
  const jars = readFileSync(file, 'utf8').trim().split(':').filter(Boolean);
  return jars.length > 0 && jars.every((jar) => existsSync(jar)) ? jars : undefined;
}

function runMaven(options: ResolveOptions, outputFile: string): Promise<void> {
  const settings = options.settingsFile ?? join(options.projectDir, 'settings.xml');
  const args = [
    '-B',
    '-f',
    join(options.projectDir, 'pom.xml'),
    ...(existsSync(settings) ? ['-s', settings] : []),
    'dependency:build-classpath',
    '-Dmdep.includeScope=runtime',
    `-Dmdep.outputFile=${outputFile}`,
  ];
  return new Promise((resolve, reject) => {
    const mvn = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let downloads = 0;
    let lastReport = Date.now();
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      if (!line.includes('Downloaded from')) return;
      downloads += 1;
      if (Date.now() - lastReport < 3000) return;
      lastReport = Date.now();
      options.log(`downloading from Maven Central: ${downloads} files so far …`);
    };
    createInterface({ input: mvn.stdout }).on('line', onLine);
    createInterface({ input: mvn.stderr }).on('line', onLine);
    mvn.on('error', (error) => reject(new Error(`cannot run mvn (is Maven installed?): ${error.message}`)));
    mvn.on('exit', (code) => {
      if (code === 0) return resolve();
      reject(new Error(`mvn exited with code ${code} while resolving ${options.cacheKey}:\n${tail.join('\n')}`));
    });
  });
}
