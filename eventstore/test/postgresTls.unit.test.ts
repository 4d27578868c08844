import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresTls } from '../src/postgres/tls.ts';

// sslmode / sslrootcert read as libpq reads them (issue 19: Cloud SQL with `sslmode=require` and its server CA).
const test = suite('postgresTls');
const dir = mkdtempSync(join(tmpdir(), 'alpes-pgtls-'));
const ca = join(dir, 'server-ca.pem');
writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const base = 'postgres://alpes_saga:pw@10.1.2.3:5432/alpespartners_dijs';

test('no sslmode: the URL as it is, no TLS options', () => {
  assert.equal(postgresTls(base), { url: base, ssl: undefined });
  assert.equal(postgresTls(`${base}?sslmode=disable`), { url: base, ssl: undefined });
});

test('require with a root certificate: the chain is checked against it, the host name is not (libpq: verify-ca)', () => {
  const { url, ssl } = postgresTls(`${base}?sslmode=require&sslrootcert=${encodeURIComponent(ca)}&application_name=x`);
  assert.is(url, `${base}?application_name=x`, 'the TLS parameters leave the URL (slonik would refuse verify-ca)');
  assert.match(String(ssl?.ca), /BEGIN CERTIFICATE/);
  assert.is(ssl?.rejectUnauthorized, undefined, 'verified (the default)');
  assert.is(ssl?.checkServerIdentity?.('10.1.2.3', {} as never), undefined, 'any name accepted');
});

test('verify-full keeps the host name check; require without a root certificate only encrypts', () => {
  const full = postgresTls(`${base}?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`);
  assert.is(full.ssl?.checkServerIdentity, undefined);
  assert.equal(postgresTls(`${base}?sslmode=require`).ssl, { rejectUnauthorized: false });
});

test('errors name the problem: an unknown mode, verify-ca without a CA, an unreadable CA file', () => {
  assert.throws(() => postgresTls(`${base}?sslmode=prefer`), /sslmode=prefer is not supported/);
  assert.throws(() => postgresTls(`${base}?sslmode=verify-ca`), /needs sslrootcert/);
  assert.throws(
    () => postgresTls(`${base}?sslmode=require&sslrootcert=${encodeURIComponent(join(dir, 'missing.pem'))}`),
    /cannot read sslrootcert .*missing\.pem \(ENOENT\)/,
  );
  assert.throws(() => postgresTls(`${base}?sslrootcert=${encodeURIComponent(ca)}`), /without an sslmode/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
