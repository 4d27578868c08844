// A PostgreSQL of the test's own with TLS on (a test CA, a server certificate for "localhost" only): the pool
// connects encrypted with `sslmode=require&sslrootcert=…` (chain checked, host name not: libpq's verify-ca),
// `verify-full` to 127.0.0.1 is refused (the name does not match), and a CA that did not sign the server is refused.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import {
  freePort,
  issueCertificate,
  makeCertificateAuthority,
  startEmbeddedPostgres,
  type PostgresInstance,
} from '@alpes/infra';
import { createPool, type DatabasePool } from '@alpes/eventstore/postgres';

const test = suite('PostgreSQL over TLS');
const dir = mkdtempSync(join(tmpdir(), 'alpes-pg-tls-'));
const file = (name: string) => join(dir, name);
makeCertificateAuthority(dir, 'ca', { subject: 'alpes test CA', days: 2 });
makeCertificateAuthority(dir, 'other-ca', { subject: 'another CA', days: 2 });
issueCertificate(dir, 'server', { ca: 'ca', commonName: 'localhost', days: 2 });
// The server runs as the postgres user when we are root: it must reach its key (0600, its own) and certificate.
chmodSync(dir, 0o755);
if (userInfo().uid === 0) {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(file('server.key.pem'), id('-u'), id('-g'));
}

let server: PostgresInstance;
test.before(async () => {
  server = await startEmbeddedPostgres({
    dataDir: join(dir, 'pgdata'),
    port: await freePort(),
    fast: true,
    log: () => undefined,
    settings: ['ssl=on', `ssl_cert_file=${file('server.cert.pem')}`, `ssl_key_file=${file('server.key.pem')}`],
  });
});

test.after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const withTls = (mode: string, ca: string) =>
  `${server.url}?sslmode=${mode}&sslrootcert=${encodeURIComponent(file(ca))}`;

async function encrypted(url: string): Promise<boolean | string> {
  let pool: DatabasePool | undefined;
  try {
    pool = await createPool(url, { maximumPoolSize: 1, connectionTimeout: 5000 });
    return await pool.oneFirst(
      sql.type(z.object({ ssl: z.boolean() }))`select ssl from pg_stat_ssl where pid = pg_backend_pid()`,
    );
  } catch (error) {
    return (error as Error).message;
  } finally {
    await pool?.end();
  }
}

test('sslmode=require with the server CA: connected, and the connection is encrypted', async () => {
  assert.is(await encrypted(withTls('require', 'ca.cert.pem')), true);
  assert.is(await encrypted(withTls('verify-ca', 'ca.cert.pem')), true);
});

test('verify-full to 127.0.0.1 with a certificate for localhost: refused', async () => {
  assert.match(String(await encrypted(withTls('verify-full', 'ca.cert.pem'))), /does not match certificate's altnames/);
});

test('a CA that did not sign the server certificate: refused', async () => {
  assert.match(
    String(await encrypted(withTls('require', 'other-ca.cert.pem'))),
    /unable to verify the first certificate/,
  );
});

test('no sslmode: a plain connection, as before', async () => {
  assert.is(await encrypted(server.url), false);
});

test.run();
