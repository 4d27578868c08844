import { spawnSync } from 'node:child_process';
import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { flag, tracedCommands, type Traced } from './commandLine.ts';
import { ensureShellcheck } from './shellcheck.ts';
import { grantsFile, topicGrants } from '../topicGrants.ts';

const gcp = fileURLToPath(new URL('..', import.meta.url));
const scripts = readdirSync(gcp)
  .filter((name) => name.endsWith('.sh'))
  .map((name) => `${gcp}${name}`);
const demo = ['--dry-run', '--project', 'demo', '--region', 'us-central1'];
const services = ['influencers', 'campanas', 'contratos', 'saga', 'outbox-relay', 'bff'];
const roles = ['influencers', 'campanas', 'contratos', 'saga', 'bff', 'relay'];
const roleOf = (service: string) => (service === 'outbox-relay' ? 'relay' : service);
/** The --set-secrets of a service: its own database URL and token, the two CAs as files. */
const credentialsOf = (service: string) =>
  `DATABASE_URL=alpes-database-url-${roleOf(service)}:latest,PULSAR_TOKEN=alpes-pulsar-token-${roleOf(service)}:latest,` +
  '/etc/alpes/sql/server-ca.pem=alpes-sql-server-ca:latest,/etc/alpes/pulsar/ca.pem=alpes-pulsar-ca:latest';

function bash(script: string, args: readonly string[]) {
  return spawnSync('bash', [`${gcp}${script}`, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '' },
  });
}

const all = bash('all.sh', demo);
const commands: Traced[] = tracedCommands(all.stdout);
const acts = commands.filter((c) => c.kind === '+');
const deploys = new Map(
  acts.filter((c) => c.text.startsWith('gcloud run deploy')).map((c) => [c.argv[3] ?? '', c.argv]),
);

const test = suite('gcp/ deployment scripts');

test('shellcheck passes on every script', () => {
  ensureShellcheck();
  const result = spawnSync('shellcheck', ['-x', ...scripts], { encoding: 'utf8' });
  assert.is(result.status, 0, result.stdout + result.stderr);
});

test('the dry run of all.sh lists the commands and runs none', () => {
  assert.is(all.status, 0, all.stderr);
  assert.ok(acts.length > 25, `${acts.length} commands`);
  const helpers = [
    'generate_password',
    'write_user_body',
    'write_auth_header',
    'write_database_url',
    'generate_token',
    'write_pulsar_credentials',
  ];
  assert.ok(
    commands.every((c) => ['gcloud', 'curl', ...helpers].includes(c.argv[0] ?? '')),
    commands.map((c) => c.argv[0]).join(' '),
  );
});

test('every step runs alone with the same flags; --project and --region are required', () => {
  for (const step of ['network.sh', 'pulsar-vm.sh', 'cloud-sql.sh', 'images.sh', 'cloud-run.sh']) {
    assert.is(bash(step, demo).status, 0, step);
    const missing = bash(step, ['--dry-run', '--region', 'us-central1']);
    assert.is(missing.status, 2, step);
    assert.match(missing.stderr, /--project and --region are required/);
  }
});

test('nothing opens to the internet: the firewall admits the connector range on the TLS ports 6651 and 8443 only (D-28, issue 19)', () => {
  assert.not.match(all.stdout, /0\.0\.0\.0\/0/);
  const rules = acts.filter((c) => c.text.startsWith('gcloud compute firewall-rules create'));
  assert.is(rules.length, 1);
  assert.is(flag(rules[0]?.argv ?? [], '--source-ranges'), '10.8.0.0/28');
  assert.is(flag(rules[0]?.argv ?? [], '--rules'), 'tcp:6651,tcp:8443');
  const vm = acts.find((c) => c.text.startsWith('gcloud compute instances create'))?.argv ?? [];
  assert.ok(vm.includes('--no-address'), 'the VM has no public address');
});

test('pinned versions: VM image family and project, Pulsar image, PostgreSQL major, image tag = commit', () => {
  const vm = acts.find((c) => c.text.startsWith('gcloud compute instances create'))?.argv ?? [];
  assert.match(flag(vm, '--image-family') ?? '', /^cos-\d+-lts$/);
  assert.is(flag(vm, '--image-project'), 'cos-cloud');
  const startup = readFileSync(`${gcp}pulsar-startup.sh`, 'utf8');
  assert.ok(startup.includes('IMAGE="apachepulsar/pulsar:4.0.7"'));
  for (const script of scripts)
    assert.not.match(readFileSync(script, 'utf8'), /[\w.-]+\/[\w.-]+:latest\b/, `${script}: no floating image tag`);
  const sql = acts.find((c) => c.text.startsWith('gcloud sql instances create'))?.argv ?? [];
  assert.match(flag(sql, '--database-version') ?? '', /^POSTGRES_1[78]$/);
  assert.ok(sql.includes('--no-assign-ip'), 'private IP only');
  const commit = spawnSync('git', ['-C', gcp, 'rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  const images = [...deploys.values()].map((argv) => flag(argv, '--image') ?? '');
  const built = flag(acts.find((c) => c.text.startsWith('gcloud builds submit'))?.argv ?? [], '--tag');
  for (const image of [...images, built]) assert.match(image ?? '', new RegExp(`/alpes-partners:${commit}(-dirty)?$`));
});

test('no password on any command line: files and Secret Manager only', () => {
  for (const { text, argv } of commands) {
    assert.ok(!argv.some((arg) => /^--(root-)?password(=|$)/.test(arg)), text);
    assert.not.match(text, /password=|postgres(ql)?:\/\/[^\s@]*:[^\s@]*@/i, text);
  }
  const secrets = acts.filter((c) => c.text.startsWith('gcloud secrets create'));
  assert.ok(secrets.every((c) => flag(c.argv, '--data-file') !== undefined));
  // The administrator's password and URL, Cloud SQL's CA, a password and a URL per role; the broker's CA,
  // certificate, key, token key pair and a token per role and for the admin; the BFF's two (issue 16).
  const perRole = roles.flatMap((r) => [
    `alpes-db-password-${r}`,
    `alpes-database-url-${r}`,
    `alpes-pulsar-token-${r}`,
  ]);
  assert.equal(
    secrets.map((c) => c.argv[3]).sort(),
    [
      'alpes-db-password',
      'alpes-database-url',
      'alpes-sql-server-ca',
      ...perRole,
      'alpes-pulsar-ca',
      'alpes-pulsar-broker-cert',
      'alpes-pulsar-broker-key',
      'alpes-pulsar-token-public-key',
      'alpes-pulsar-token-signing-key',
      'alpes-pulsar-token-admin',
      'alpes-bff-secret',
      'alpes-operator-token',
    ].sort(),
  );
  const api = acts.filter((c) => c.argv[0] === 'curl');
  assert.ok(
    api.length === 1 && api.every((c) => flag(c.argv, '--data-binary')?.startsWith('@')),
    'the user body is a file',
  );
});

test('every process is deployed, CPU always allocated, sized, private but the BFF (D-27)', () => {
  assert.equal([...deploys.keys()].sort(), services.map((s) => `alpes-${s}`).sort());
  for (const [name, argv] of deploys) {
    assert.ok(argv.includes('--no-cpu-throttling'), `${name}: CPU always allocated`);
    assert.equal(
      [flag(argv, '--min-instances'), flag(argv, '--cpu'), flag(argv, '--memory')],
      ['1', '1', '512Mi'],
      name,
    );
    assert.ok(Number(flag(argv, '--max-instances')) <= 3, name);
    assert.is(flag(argv, '--vpc-connector'), 'alpes-connector', name);
    assert.is(flag(argv, '--ingress'), name === 'alpes-bff' ? 'all' : 'internal', name);
    if (name !== 'alpes-bff') assert.is(flag(argv, '--set-secrets'), credentialsOf(name.slice('alpes-'.length)), name);
  }
  assert.is(
    flag(deploys.get('alpes-bff') ?? [], '--timeout'),
    '3600',
    'the SSE stream outlives the default request timeout',
  );
  assert.is(
    flag(deploys.get('alpes-bff') ?? [], '--set-secrets'),
    `${credentialsOf('bff')},BFF_SECRET=alpes-bff-secret:latest,BFF_OPERATOR_TOKEN=alpes-operator-token:latest`,
  );
  assert.is(flag(deploys.get('alpes-outbox-relay') ?? [], '--max-instances'), '1');
});

test('a network of its own: created in custom mode, and no command touches the default network (issue 19)', () => {
  const network = acts.find((c) => c.text.startsWith('gcloud compute networks create'))?.argv ?? [];
  assert.is(network[4], 'alpes-vpc');
  assert.is(flag(network, '--subnet-mode'), 'custom', 'no automatic subnets, no default rules');
  const subnet = acts.find((c) => c.text.startsWith('gcloud compute networks subnets create'))?.argv ?? [];
  assert.is(flag(subnet, '--network'), 'alpes-vpc');
  for (const { text, argv } of commands) {
    for (const name of ['--network', '--subnet']) {
      const value = flag(argv, name);
      if (value !== undefined) assert.not.match(value, /(^|\/)default$/, text);
    }
    assert.not.match(text, /networks\/default\b|default-allow/, text);
  }
  const subnets = acts.filter((c) => flag(c.argv, '--subnet') !== undefined).map((c) => flag(c.argv, '--subnet'));
  assert.ok(
    subnets.length >= 2 && subnets.every((v) => v === 'alpes-subnet'),
    `VM and its address on alpes-subnet: ${subnets.join(', ')}`,
  );
  const refused = spawnSync('bash', [`${gcp}network.sh`, ...demo], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', NETWORK: 'default' },
  });
  assert.is(refused.status, 2);
  assert.match(refused.stderr, /NETWORK=default refused/);
});

test('one service account per process (and the VM, and the roles job); each reads only its own secrets (issues 16, 19)', () => {
  const accounts = acts.filter((c) => c.text.startsWith('gcloud iam service-accounts create')).map((c) => c.argv[4]);
  assert.equal(accounts.sort(), [...services, 'db-roles', 'pulsar'].map((s) => `alpes-${s}`).sort());
  for (const [name, argv] of deploys)
    assert.is(flag(argv, '--service-account'), `${name}@demo.iam.gserviceaccount.com`, name);
  const readers = acts
    .filter((c) => c.text.startsWith('gcloud secrets add-iam-policy-binding'))
    .map((c) => `${c.argv[3]} ${flag(c.argv, '--member')} ${flag(c.argv, '--role')}`);
  const reader = (secret: string, account: string) =>
    `${secret} serviceAccount:alpes-${account}@demo.iam.gserviceaccount.com roles/secretmanager.secretAccessor`;
  const expected = [
    ...services.flatMap((s) =>
      [
        `alpes-database-url-${roleOf(s)}`,
        `alpes-pulsar-token-${roleOf(s)}`,
        'alpes-sql-server-ca',
        'alpes-pulsar-ca',
      ].map((secret) => reader(secret, s)),
    ),
    reader('alpes-bff-secret', 'bff'),
    reader('alpes-operator-token', 'bff'),
    ...['alpes-database-url', 'alpes-sql-server-ca', ...roles.map((r) => `alpes-db-password-${r}`)].map((secret) =>
      reader(secret, 'db-roles'),
    ),
    ...[
      'alpes-pulsar-ca',
      'alpes-pulsar-broker-cert',
      'alpes-pulsar-broker-key',
      'alpes-pulsar-token-public-key',
      'alpes-pulsar-token-admin',
    ].map((secret) => reader(secret, 'pulsar')),
  ];
  assert.equal(readers.sort(), expected.sort());
  // Nobody reads the administrator's URL but the roles job; nobody reads the token signing key.
  assert.ok(!readers.some((r) => r.startsWith('alpes-pulsar-token-signing-key ')));
});

test('the broker takes TLS and tokens only, with authorization; every process connects over TLS with its own token (issue 19)', () => {
  for (const { text } of commands) assert.not.match(text, /pulsar:\/\/|:6650\b|:8080\b/, text);
  for (const [name, argv] of deploys) {
    const env = flag(argv, '--set-env-vars') ?? '';
    assert.match(
      env,
      /@PULSAR_URL=pulsar\+ssl:\/\/dry-run-pulsar-ip:6651@PULSAR_TLS_CA=\/etc\/alpes\/pulsar\/ca\.pem/,
      name,
    );
    assert.not.match(env, /PULSAR_ADMIN_URL/, `${name}: no process holds the admin API`);
    assert.is(
      env.includes('@OUTBOX_RELAY_ROLE=alpes_relay'),
      ['alpes-influencers', 'alpes-campanas', 'alpes-contratos', 'alpes-saga'].includes(name),
      name,
    );
  }
  const startup = readFileSync(`${gcp}pulsar-startup.sh`, 'utf8');
  assert.match(startup, /docker run --rm --name pulsar -p 6651:6651 -p 8443:8443 /, 'only the TLS ports are published');
  for (const setting of [
    'authenticationEnabled=true',
    'authorizationEnabled=true',
    'superUserRoles=alpes-admin',
    'tokenPublicKey=file:///pulsar/secure/token-public.key',
    'brokerServicePortTls=6651',
    'webServicePortTls=8443',
  ])
    assert.ok(startup.includes(`PULSAR_PREFIX_${setting}`), setting);
  const vm = acts.find((c) => c.text.startsWith('gcloud compute instances create'))?.argv ?? [];
  assert.is(flag(vm, '--service-account'), 'alpes-pulsar@demo.iam.gserviceaccount.com');
  assert.match(flag(vm, '--metadata-from-file') ?? '', /topic-grants=.*topic-grants\.tsv$/);
});

test('PostgreSQL: encrypted connections only, each process with its own role and the server CA; roles made by a job first (issue 19)', () => {
  const sql = acts.find((c) => c.text.startsWith('gcloud sql instances create'))?.argv ?? [];
  assert.is(flag(sql, '--ssl-mode'), 'ENCRYPTED_ONLY');
  const urls = acts.filter((c) => c.argv[0] === 'write_database_url').map((c) => c.argv[1]);
  assert.equal(urls, ['alpes', ...roles.map((r) => `alpes_${r}`)]);
  const job = acts.find((c) => c.text.startsWith('gcloud run jobs deploy alpes-db-roles'))?.argv ?? [];
  assert.is(flag(job, '--args'), '.build/infra/src/databaseRolesMain.js');
  assert.match(
    flag(job, '--set-secrets') ?? '',
    /^DATABASE_URL=alpes-database-url:latest,.*DB_PASSWORD_RELAY=alpes-db-password-relay:latest$/,
  );
  const executed = acts.findIndex(
    (c) => c.text.startsWith('gcloud run jobs execute alpes-db-roles') && c.argv.includes('--wait'),
  );
  const firstDeploy = acts.findIndex((c) => c.text.startsWith('gcloud run deploy'));
  assert.ok(executed >= 0 && executed < firstDeploy, 'the roles exist before any service starts');
});

test('write_database_url: sslmode=require with the server CA file, the password from its file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alpes-gcp-url-'));
  try {
    writeFileSync(join(dir, 'pw'), 'Abc123');
    const result = spawnSync(
      'bash',
      ['-c', `source "${gcp}lib.sh"; write_database_url alpes_saga "${dir}/pw" 10.20.0.3 "${dir}/url"`],
      { encoding: 'utf8' },
    );
    assert.is(result.status, 0, result.stderr);
    assert.is(
      readFileSync(join(dir, 'url'), 'utf8'),
      'postgresql://alpes_saga:Abc123@10.20.0.3:5432/alpespartners_dijs?sslmode=require&sslrootcert=/etc/alpes/sql/server-ca.pem',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('write_pulsar_credentials: a certificate for the VM signed by the CA, RS256 tokens the public key verifies, no CA key left', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alpes-gcp-pulsar-'));
  try {
    const result = spawnSync('bash', ['-c', `source "${gcp}lib.sh"; write_pulsar_credentials "${dir}" 10.10.0.7`], {
      encoding: 'utf8',
    });
    assert.is(result.status, 0, result.stderr);
    const ca = new X509Certificate(readFileSync(join(dir, 'ca.cert.pem')));
    const broker = new X509Certificate(readFileSync(join(dir, 'broker.cert.pem')));
    assert.ok(broker.verify(ca.publicKey), 'signed by the CA');
    assert.is(broker.checkIP('10.10.0.7'), '10.10.0.7');
    assert.ok(!existsSync(join(dir, 'ca.key.pem')), 'the CA key is thrown away');
    const publicKey = createPublicKey({
      key: readFileSync(join(dir, 'token-public.key')),
      format: 'der',
      type: 'spki',
    });
    for (const role of ['admin', ...roles]) {
      const [header, payload, signature] = readFileSync(join(dir, `token-${role}`), 'utf8').split('.');
      assert.ok(
        verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature ?? '', 'base64url')),
        `${role}: signature`,
      );
      assert.equal(JSON.parse(Buffer.from(header ?? '', 'base64url').toString()), { alg: 'RS256', typ: 'JWT' });
      assert.equal(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), {
        sub: role === 'admin' ? 'alpes-admin' : role,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("topic-grants.tsv is the catalogue's grants, as npm start -- --secure applies them", () => {
  assert.is(readFileSync(grantsFile, 'utf8'), topicGrants(), 'out of step: run `node gcp/topicGrants.ts`');
});

test('Cloud Run concurrency is set on purpose: 1000 on the BFF for its SSE streams (issue 19)', () => {
  for (const [name, argv] of deploys)
    assert.ok(flag(argv, '--concurrency') !== undefined, `${name}: --concurrency set`);
  assert.is(flag(deploys.get('alpes-bff') ?? [], '--concurrency'), '1000');
});

test('idempotent: every create is preceded by the describe of the same resource', () => {
  const creates = acts.filter((c) => c.argv[0] === 'gcloud' && c.argv.includes('create') && c.argv[1] !== 'builds');
  for (const create of creates) {
    const at = commands.indexOf(create);
    const noun = create.argv.slice(0, create.argv.indexOf('create')).join(' ');
    const name = create.argv[create.argv.indexOf('create') + 1];
    const described = commands
      .slice(0, at)
      .some((c) => c.kind === '?' && c.text.startsWith(`${noun} describe ${name}`));
    assert.ok(described, `${create.text} without a describe first`);
  }
});

test.run();
