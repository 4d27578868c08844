import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Binaries {
  readonly initdb: string;
  readonly postgres: string;
}
export interface Owner {
  readonly uid?: number;
  readonly gid?: number;
}

/** Where copies of the binaries are kept, first that exists: root-owned and traversable by every user. */
const SHARED_PARENTS = ['/var/cache', tmpdir()];

/**
 * The server's binaries as its user can run them. As root, PostgreSQL runs as the `postgres` user, which
 * cannot execute binaries inside a private checkout (a 0700 parent, such as root's home or any `mktemp -d`):
 * then the package's native folder is copied once per version into a root-owned folder that every user can
 * traverse but only root can write, and used from there. The user's own folders are never opened up.
 */
export function reachableBinaries(bin: Binaries, owner: Owner, log: (line: string) => void): Binaries {
  if (owner.uid === undefined || (canExecute(bin.initdb, owner) && canExecute(bin.postgres, owner))) return bin;
  const native = dirname(dirname(bin.initdb));
  const target = copyFor(native);
  if (!isSafeCopy(target)) {
    log(`copying the PostgreSQL binaries to ${target}: the postgres user cannot reach them inside this checkout`);
    install(native, target);
  }
  const moved = { initdb: join(target, 'bin', 'initdb'), postgres: join(target, 'bin', 'postgres') };
  if (!canExecute(moved.initdb, owner)) throw new Error(`the postgres user cannot execute ${moved.initdb} either`);
  return moved;
}

function canExecute(file: string, owner: Owner): boolean {
  return spawnSync('test', ['-x', file], { uid: owner.uid, gid: owner.gid }).status === 0;
}

/** `<shared parent>/alpes-postgres-<package version>`: one copy per version of the binaries package. */
function copyFor(native: string): string {
  const manifest = JSON.parse(readFileSync(join(dirname(native), 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const parent = SHARED_PARENTS.find((dir) => existsSync(dir) && isRootOwned(dir, { sticky: true })) ?? tmpdir();
  return join(parent, `alpes-postgres-${manifest.name.replace(/^@/, '').replace(/\W+/g, '-')}-${manifest.version}`);
}

/** A copy made by an earlier run, complete (the marker comes last) and not writable by anyone but root. */
function isSafeCopy(target: string): boolean {
  return (
    existsSync(join(target, '.complete')) &&
    isRootOwned(target, { sticky: false }) &&
    isRootOwned(join(target, 'bin', 'postgres'), { sticky: false })
  );
}

/** Owned by root and not writable by group or others (a world-writable folder counts only when sticky, as /tmp). */
function isRootOwned(path: string, { sticky }: { sticky: boolean }): boolean {
  const stat = lstatSync(path);
  if (stat.uid !== 0 || stat.isSymbolicLink()) return false;
  const othersWrite = (stat.mode & 0o022) !== 0;
  return !othersWrite || (sticky && (stat.mode & 0o1000) !== 0);
}

/** Copies into a fresh sibling, then renames: a concurrent run never sees half a copy. */
function install(native: string, target: string): void {
  const staging = `${target}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o755 });
  cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
  cpSync(join(staging, 'pg-symlinks.json'), join(staging, '.complete'));
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another run renamed its own complete copy into place first.
    if (!isSafeCopy(target)) throw error;
  }
}
