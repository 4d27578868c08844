// Certificates made with the openssl command line (secure mode, and the TLS tests): a CA, then certificates it
// signs. The key files are private (0600). openssl missing or failing is an error naming it.
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function openssl(dir: string, args: readonly string[]): void {
  try {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`making certificates needs the openssl command line: ${(error as Error).message}`);
  }
}

/** A self-signed CA in `dir`: `<name>.cert.pem` and `<name>.key.pem`. */
export function makeCertificateAuthority(dir: string, name: string, options: { subject: string; days: number }): void {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key.pem`,
    '-out',
    `${name}.cert.pem`,
    '-days',
    String(options.days),
    '-subj',
    `/CN=${options.subject}`,
  ]);
  chmodSync(join(dir, `${name}.key.pem`), 0o600);
}

/**
 * A certificate for `commonName` (and `altNames`, e.g. `IP:127.0.0.1`), signed by the CA `ca` of the same folder:
 * `<name>.cert.pem` and `<name>.key.pem`.
 */
export function issueCertificate(
  dir: string,
  name: string,
  options: { ca: string; commonName: string; altNames?: readonly string[]; days: number },
): void {
  const extFile = `${name}.ext`;
  writeFileSync(join(dir, extFile), options.altNames ? `subjectAltName=${options.altNames.join(',')}\n` : '\n');
  openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key.pem`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${options.commonName}`,
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${options.ca}.cert.pem`,
    '-CAkey',
    `${options.ca}.key.pem`,
    '-CAcreateserial',
    '-out',
    `${name}.cert.pem`,
    '-days',
    String(options.days),
    '-extfile',
    extFile,
  ]);
  chmodSync(join(dir, `${name}.key.pem`), 0o600);
  for (const leftover of [`${name}.csr`, extFile, `${options.ca}.cert.srl`])
    rmSync(join(dir, leftover), { force: true });
}
