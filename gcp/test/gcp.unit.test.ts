import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { flag, tracedCommands, type Traced } from './commandLine.ts';
import { ensureShellcheck } from './shellcheck.ts';

const gcp = fileURLToPath(new URL('..', import.meta.url));
const scripts = readdirSync(gcp).filter((name) => name.endsWith('.sh')).map((name) => `${gcp}${name}`);
const demo = ['--dry-run', '--project', 'demo', '--region', 'us-central1'];
const services = ['influencers', 'campanas', 'contratos', 'saga', 'outbox-relay', 'bff'];

function bash(script: string, args: readonly string[]) {
  return spawnSync('bash', [`${gcp}${script}`, ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
}

const all = bash('all.sh', demo);
const commands: Traced[] = tracedCommands(all.stdout);
const acts = commands.filter((c) => c.kind === '+');
const deploys = new Map(acts.filter((c) => c.text.startsWith('gcloud run deploy')).map((c) => [c.argv[3] ?? '', c.argv]));

const test = suite('gcp/ deployment scripts');

test('shellcheck passes on every script', () => {
  ensureShellcheck();
  const result = spawnSync('shellcheck', ['-x', ...scripts], { encoding: 'utf8' });
  assert.is(result.status, 0, result.stdout + result.stderr);
});

test('the dry run of all.sh lists the commands and runs none', () => {
  assert.is(all.status, 0, all.stderr);
  assert.ok(acts.length > 25, `${acts.length} commands`);
  assert.ok(commands.every((c) => ['gcloud', 'curl', 'generate_password', 'write_user_body', 'write_auth_header', 'write_database_url', 'generate_token'].includes(c.argv[0] ?? '')));
});

test('every step runs alone with the same flags; --project and --region are required', () => {
  for (const step of ['network.sh', 'pulsar-vm.sh', 'cloud-sql.sh', 'images.sh', 'cloud-run.sh']) {
    assert.is(bash(step, demo).status, 0, step);
    const missing = bash(step, ['--dry-run', '--region', 'us-central1']);
    assert.is(missing.status, 2, step);
    assert.match(missing.stderr, /--project and --region are required/);
  }
});

test('nothing opens to the internet: the firewall admits the connector range on 6650 and 8080 only (D-28)', () => {
  assert.not.match(all.stdout, /0\.0\.0\.0\/0/);
  const rules = acts.filter((c) => c.text.startsWith('gcloud compute firewall-rules create'));
  assert.is(rules.length, 1);
  assert.is(flag(rules[0]?.argv ?? [], '--source-ranges'), '10.8.0.0/28');
  assert.is(flag(rules[0]?.argv ?? [], '--rules'), 'tcp:6650,tcp:8080');
  const vm = acts.find((c) => c.text.startsWith('gcloud compute instances create'))?.argv ?? [];
  assert.ok(vm.includes('--no-address'), 'the VM has no public address');
});

test('pinned versions: VM image family and project, Pulsar image, PostgreSQL major, image tag = commit', () => {
  const vm = acts.find((c) => c.text.startsWith('gcloud compute instances create'))?.argv ?? [];
  assert.match(flag(vm, '--image-family') ?? '', /^cos-\d+-lts$/);
  assert.is(flag(vm, '--image-project'), 'cos-cloud');
  const startup = readFileSync(`${gcp}pulsar-startup.sh`, 'utf8');
  assert.ok(startup.includes('IMAGE="apachepulsar/pulsar:4.0.7"'));
  for (const script of scripts) assert.not.match(readFileSync(script, 'utf8'), /[\w.-]+\/[\w.-]+:latest\b/, `${script}: no floating image tag`);
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
  // The database password and URL, the BFF's signing secret and the operators' token (issue 16).
  assert.ok(secrets.length === 4 && secrets.every((c) => flag(c.argv, '--data-file') !== undefined));
  const api = acts.filter((c) => c.argv[0] === 'curl');
  assert.ok(api.length === 1 && api.every((c) => flag(c.argv, '--data-binary')?.startsWith('@')), 'the user body is a file');
});

test('every process is deployed, CPU always allocated, sized, private but the BFF (D-27)', () => {
  assert.equal([...deploys.keys()].sort(), services.map((s) => `alpes-${s}`).sort());
  for (const [name, argv] of deploys) {
    assert.ok(argv.includes('--no-cpu-throttling'), `${name}: CPU always allocated`);
    assert.equal([flag(argv, '--min-instances'), flag(argv, '--cpu'), flag(argv, '--memory')], ['1', '1', '512Mi'], name);
    assert.ok(Number(flag(argv, '--max-instances')) <= 3, name);
    assert.is(flag(argv, '--vpc-connector'), 'alpes-connector', name);
    assert.is(flag(argv, '--ingress'), name === 'alpes-bff' ? 'all' : 'internal', name);
    if (name !== 'alpes-bff') assert.is(flag(argv, '--set-secrets'), 'DATABASE_URL=alpes-database-url:latest', name);
  }
  assert.is(flag(deploys.get('alpes-bff') ?? [], '--timeout'), '3600', 'the SSE stream outlives the default request timeout');
  assert.is(flag(deploys.get('alpes-bff') ?? [], '--set-secrets'),
    'DATABASE_URL=alpes-database-url:latest,BFF_SECRET=alpes-bff-secret:latest,BFF_OPERATOR_TOKEN=alpes-operator-token:latest');
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
  assert.ok(subnets.length >= 2 && subnets.every((v) => v === 'alpes-subnet'), `VM and its address on alpes-subnet: ${subnets.join(', ')}`);
  const refused = spawnSync('bash', [`${gcp}network.sh`, ...demo], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', NETWORK: 'default' } });
  assert.is(refused.status, 2);
  assert.match(refused.stderr, /NETWORK=default refused/);
});

test('one service account per process; only the processes that use PostgreSQL read its secret, only the BFF its own two (issues 16, 19)', () => {
  const accounts = acts.filter((c) => c.text.startsWith('gcloud iam service-accounts create')).map((c) => c.argv[4]);
  assert.equal(accounts.sort(), services.map((s) => `alpes-${s}`).sort());
  for (const [name, argv] of deploys) assert.is(flag(argv, '--service-account'), `${name}@demo.iam.gserviceaccount.com`, name);
  const readers = acts.filter((c) => c.text.startsWith('gcloud secrets add-iam-policy-binding'))
    .map((c) => `${c.argv[3]} ${flag(c.argv, '--member')} ${flag(c.argv, '--role')}`);
  const reader = (secret: string, process: string) => `${secret} serviceAccount:alpes-${process}@demo.iam.gserviceaccount.com roles/secretmanager.secretAccessor`;
  // Every process uses PostgreSQL since the BFF keeps its registrations ledger there (issue 16).
  const expected = [...services.map((s) => reader('alpes-database-url', s)), reader('alpes-bff-secret', 'bff'), reader('alpes-operator-token', 'bff')];
  assert.equal(readers.sort(), expected.sort());
});

test('Cloud Run concurrency is set on purpose: 1000 on the BFF for its SSE streams (issue 19)', () => {
  for (const [name, argv] of deploys) assert.ok(flag(argv, '--concurrency') !== undefined, `${name}: --concurrency set`);
  assert.is(flag(deploys.get('alpes-bff') ?? [], '--concurrency'), '1000');
});

test('idempotent: every create is preceded by the describe of the same resource', () => {
  const creates = acts.filter((c) => c.argv[0] === 'gcloud' && c.argv.includes('create') && c.argv[1] !== 'builds');
  for (const create of creates) {
    const at = commands.indexOf(create);
    const noun = create.argv.slice(0, create.argv.indexOf('create')).join(' ');
    const name = create.argv[create.argv.indexOf('create') + 1];
    const described = commands.slice(0, at).some((c) => c.kind === '?' && c.text.startsWith(`${noun} describe ${name}`));
    assert.ok(described, `${create.text} without a describe first`);
  }
});

test.run();
