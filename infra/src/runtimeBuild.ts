import { stripTypeScriptTypes } from 'node:module';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  readlinkSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from './paths.ts';

/**
 * The system's processes run as JavaScript: every workspace package, mirrored under `.build/` with its
 * TypeScript stripped of its types — the transform Node itself applies when it runs a `.ts` file
 * (`module.stripTypeScriptTypes`), done once ahead of time instead of in every process. Node's run-time type
 * stripping keeps a WebAssembly compiler resident in each process: the Pulsar client alone loads in 93 MB
 * from its `.ts` sources and in 57 MB from the stripped files (measured; see docs/benchmarks.md).
 *
 * The mirror keeps the repository's layout (`.build/services/bff/src/main.js`), so files found relative to
 * a module (the BFF's `public/`, the contracts' schemas) are found there too; `.build/node_modules/@alpes/*`
 * point at the mirrored packages and every other package resolves from the repository's `node_modules`.
 * Relative imports of `.ts` files become `.js`; package exports likewise. Sources stay the single truth:
 * `buildRuntime` runs before the system starts (`npm start`, the test and benchmark harnesses, the image)
 * and rewrites only what changed.
 */
export const buildRoot = join(repoRoot, '.build');

/** Directories of a package that the processes need at run time (sources, and files they read). */
const RUNTIME_DIRS = ['src', 'public', 'avro', 'json'];

export interface BuildResult {
  readonly files: number;
  readonly written: number;
  readonly ms: number;
}

export function buildRuntime(): BuildResult {
  const started = Date.now();
  let files = 0;
  let written = 0;
  const emit = (target: string, content: string) => {
    files += 1;
    if (existsSync(target) && readFileSync(target, 'utf8') === content) return;
    mkdirSync(dirname(target), { recursive: true });
    // Written aside and renamed: two harnesses building at once never load a half-written file.
    const aside = `${target}.${process.pid}.tmp`;
    writeFileSync(aside, content);
    renameSync(aside, target);
    written += 1;
  };
  for (const pkg of workspacePackages()) {
    const manifest = JSON.parse(readFileSync(join(repoRoot, pkg, 'package.json'), 'utf8')) as {
      name: string;
      exports?: unknown;
    };
    manifest.exports = toJs(manifest.exports);
    emit(join(buildRoot, pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const dir of RUNTIME_DIRS) {
      for (const file of filesUnder(join(repoRoot, pkg, dir))) {
        const target = join(buildRoot, relative(repoRoot, file));
        if (file.endsWith('.ts') && !file.endsWith('.d.ts')) emit(target.replace(/\.ts$/, '.js'), stripped(file));
        else emit(target, readFileSync(file, 'utf8'));
      }
    }
    link(join(buildRoot, 'node_modules', manifest.name), join(buildRoot, pkg));
    // A package's own dependencies (npm nests a version that differs from the hoisted one) stay reachable.
    if (existsSync(join(repoRoot, pkg, 'node_modules')))
      link(join(buildRoot, pkg, 'node_modules'), join(repoRoot, pkg, 'node_modules'));
  }
  return { files, written, ms: Date.now() - started };
}

/** The JavaScript of a TypeScript file (positions kept: stack traces name the source's lines). */
function stripped(file: string): string {
  const source = readFileSync(file, 'utf8');
  let code: string;
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {}; // "stripTypeScriptTypes is an experimental feature": the same transform Node runs on .ts files
  try {
    code = stripTypeScriptTypes(source, { mode: 'strip' });
  } catch (error) {
    throw new Error(`cannot strip the types of ${relative(repoRoot, file)}: ${(error as Error).message}`);
  } finally {
    process.emitWarning = emitWarning;
  }
  // Relative module specifiers only: `from './x.ts'`, `import('./x.ts')`, `export … from '../y.ts'`.
  return code.replace(/((?:\bfrom|\bimport)\s*\(?\s*)(['"])(\.{1,2}\/[^'"\n]*?)\.ts\2/g, '$1$2$3.js$2');
}

function toJs(exports: unknown): unknown {
  if (typeof exports === 'string') return exports.replace(/\.ts$/, '.js');
  if (exports && typeof exports === 'object')
    return Object.fromEntries(Object.entries(exports).map(([k, v]) => [k, toJs(v)]));
  return exports;
}

function workspacePackages(): string[] {
  const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { workspaces: string[] };
  return root.workspaces
    .flatMap((pattern) => {
      if (!pattern.endsWith('/*')) return [pattern];
      const parent = pattern.slice(0, -2);
      return readdirSync(join(repoRoot, parent)).map((name) => `${parent}/${name}`);
    })
    .filter((pkg) => existsSync(join(repoRoot, pkg, 'package.json')));
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() && !entry.name.endsWith('.tmp') ? [path] : [];
  });
}

/** A relative symbolic link (the tree can move with the repository). */
function link(path: string, target: string): void {
  const wanted = relative(dirname(path), target);
  try {
    if (readlinkSync(path) === wanted) return;
    rmSync(path, { force: true });
  } catch {
    // not there yet
  }
  mkdirSync(dirname(path), { recursive: true });
  try {
    symlinkSync(wanted, path, 'dir');
  } catch (error) {
    // A concurrent build made the same link.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(path).isDirectory()) throw error;
  }
}

/** The built entry point of a source file, relative to the repository (`services/bff/src/main.ts` → `.build/services/bff/src/main.js`). */
export function builtEntry(sourcePath: string): string {
  return join(relative(repoRoot, buildRoot), sourcePath.replace(/\.ts$/, '.js'));
}
