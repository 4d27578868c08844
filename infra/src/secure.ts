// Secure mode (issue 19): the broker with TLS, token authentication and authorization; every process with a
// Pulsar role and a PostgreSQL role of its own, allowed only what it does. Used by `npm start -- --secure`
// and by the test harness on request. This file: the credentials and the broker's settings; the grants are in
// secureGrants.ts.
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueCertificate, makeCertificateAuthority } from './certificates.ts';
import { PROCESS_NAMES, type ProcessName } from './system.ts';

/** The broker's superuser role: the starter's and the operator tools'; no process of the system has it. */
export const ADMIN_ROLE = 'alpes-admin';

export interface SecureMaterial {
  readonly dir: string;
  readonly caFile: string;
  readonly brokerCertFile: string;
  readonly brokerKeyFile: string;
  /** HS256 key the broker checks tokens with. */
  readonly tokenKeyFile: string;
  readonly adminToken: string;
  /** The Pulsar token of each process (its role is the process name). */
  readonly tokens: Record<ProcessName, string>;
  /** The PostgreSQL password of each process's role (`alpes_<process>`). */
  readonly passwords: Record<ProcessName, string>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** An HS256 JWT for `subject`, as `pulsar tokens create --secret-key` makes it. */
export function signToken(subject: string, key: Buffer): string {
  const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify({ sub: subject }))}`;
  return `${unsigned}.${base64url(createHmac('sha256', key).update(unsigned).digest())}`;
}

/**
 * The CA, the broker's certificate (for 127.0.0.1 and localhost), the token key, the tokens and the database
 * passwords, in `dir` (0700, files 0600): made once with the openssl command line, then reused.
 */
export function secureMaterial(dir: string): SecureMaterial {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = (name: string) => join(dir, name);
  const saved = file('credentials.json');
  const paths = {
    dir,
    caFile: file('ca.cert.pem'),
    brokerCertFile: file('broker.cert.pem'),
    brokerKeyFile: file('broker.key.pem'),
    tokenKeyFile: file('token.key'),
  };
  if (
    existsSync(saved) &&
    [paths.caFile, paths.brokerCertFile, paths.brokerKeyFile, paths.tokenKeyFile].every((f) => existsSync(f))
  ) {
    return {
      ...paths,
      ...(JSON.parse(readFileSync(saved, 'utf8')) as Pick<SecureMaterial, 'adminToken' | 'tokens' | 'passwords'>),
    };
  }
  makeCertificateAuthority(dir, 'ca', { subject: 'Alpes Partners local CA', days: 825 });
  issueCertificate(dir, 'broker', {
    ca: 'ca',
    commonName: '127.0.0.1',
    altNames: ['IP:127.0.0.1', 'DNS:localhost'],
    days: 825,
  });
  const key = randomBytes(32);
  writeFileSync(paths.tokenKeyFile, key, { mode: 0o600 });
  const credentials = {
    adminToken: signToken(ADMIN_ROLE, key),
    tokens: Object.fromEntries(PROCESS_NAMES.map((name) => [name, signToken(name, key)])) as Record<
      ProcessName,
      string
    >,
    passwords: Object.fromEntries(PROCESS_NAMES.map((name) => [name, randomBytes(18).toString('base64url')])) as Record<
      ProcessName,
      string
    >,
  };
  writeFileSync(saved, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return { ...paths, ...credentials };
}

/**
 * Broker settings: only TLS ports (the plaintext ones off), tokens checked with the key, authorization on,
 * `alpes-admin` the one superuser (the broker's own internal client uses it).
 */
export function secureBrokerSettings(
  material: SecureMaterial,
  ports: { readonly broker: number; readonly web: number },
): Record<string, string> {
  return {
    brokerServicePort: '',
    webServicePort: '',
    brokerServicePortTls: String(ports.broker),
    webServicePortTls: String(ports.web),
    tlsCertificateFilePath: material.brokerCertFile,
    tlsKeyFilePath: material.brokerKeyFile,
    tlsTrustCertsFilePath: material.caFile,
    brokerClientTlsEnabled: 'true',
    brokerClientTrustCertsFilePath: material.caFile,
    authenticationEnabled: 'true',
    authenticationProviders: 'org.apache.pulsar.broker.authentication.AuthenticationProviderToken',
    tokenSecretKey: `file://${material.tokenKeyFile}`,
    authorizationEnabled: 'true',
    superUserRoles: ADMIN_ROLE,
    brokerClientAuthenticationPlugin: 'org.apache.pulsar.client.impl.auth.AuthenticationToken',
    brokerClientAuthenticationParameters: `token:${material.adminToken}`,
  };
}
