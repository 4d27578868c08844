import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

export interface PostgresTls {
  /** The URL without `sslmode` / `sslrootcert` (the `ssl` below says it all). */
  readonly url: string;
  /** For node-postgres' (and slonik's) `ssl`; undefined: no TLS asked. */
  readonly ssl: ConnectionOptions | undefined;
}

const MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;

/**
 * `sslmode` and `sslrootcert` of a database URL, read as libpq reads them, for every connection the system makes
 * (slonik's pools and the relay's leadership connection): `require` encrypts and, with a root certificate,
 * verifies the server's chain against it (libpq then acts as `verify-ca`); `verify-ca` needs the root certificate;
 * `verify-full` also checks the host name. Slonik alone knows only `require` (as `verify-full` against the
 * system's CAs, which a Cloud SQL certificate never passes) and ignores `sslrootcert`; node-postgres alone does
 * the same. An unknown mode or an unreadable file is an error at start, naming it.
 */
export function postgresTls(databaseUrl: string): PostgresTls {
  const url = new URL(databaseUrl);
  const mode = url.searchParams.get('sslmode');
  const rootFile = url.searchParams.get('sslrootcert');
  url.searchParams.delete('sslmode');
  url.searchParams.delete('sslrootcert');
  if (mode === null || mode === 'disable') {
    if (rootFile !== null) throw new Error('DATABASE_URL: sslrootcert is given without an sslmode that uses it');
    return { url: mode === null ? databaseUrl : url.toString(), ssl: undefined };
  }
  if (!(MODES as readonly string[]).includes(mode))
    throw new Error(`DATABASE_URL: sslmode=${mode} is not supported (use one of ${MODES.join(', ')})`);
  if (rootFile === null && mode !== 'require')
    throw new Error(`DATABASE_URL: sslmode=${mode} needs sslrootcert (the server's CA certificate file)`);
  let ca: string | undefined;
  if (rootFile !== null) {
    try {
      ca = readFileSync(rootFile, 'utf8');
    } catch (error) {
      throw new Error(
        `DATABASE_URL: cannot read sslrootcert ${rootFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
  }
  const ssl: ConnectionOptions =
    ca === undefined
      ? { rejectUnauthorized: false } // libpq's `require` without a root certificate: encrypted, not verified
      : mode === 'verify-full'
        ? { ca }
        : { ca, checkServerIdentity: () => undefined };
  return { url: url.toString(), ssl };
}
