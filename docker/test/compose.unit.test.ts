import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { composeSpecErrors, readCompose, readYaml, root, type ComposeService } from './composeFile.ts';

const compose = readCompose();
const services = Object.entries(compose.services);
const nodeServices = services.filter(([, s]) => s.build !== undefined && s.profiles === undefined);
const ports: Record<string, number> = {
  influencers: 8000,
  campanas: 8001,
  contratos: 8002,
  saga: 8084,
  bff: 8004,
  'outbox-relay': 9464,
};

const test = suite('compose.yaml');

test('valid against the Compose Specification schema', () => {
  const errors = composeSpecErrors(compose);
  assert.equal(
    errors.map((e) => `${e.instancePath} ${e.message ?? ''}`),
    [],
  );
});

test('the schema check catches a broken file', () => {
  const broken = structuredClone(compose) as unknown as { services: Record<string, Record<string, unknown>> };
  (broken.services['bff'] as Record<string, unknown>)['depends_on'] = { saga: { condition: 'when_ready' } };
  (broken.services['saga'] as Record<string, unknown>)['ports'] = 8084;
  assert.ok(composeSpecErrors(broken).length >= 2);
});

test('every process of ARCHITECTURE §2 runs from the repository image, on its port, bound to 127.0.0.1', () => {
  assert.equal(nodeServices.map(([name]) => name).sort(), Object.keys(ports).sort());
  for (const [name, service] of nodeServices) {
    const port = ports[name] as number;
    assert.equal(service.ports, [`127.0.0.1:${port}:${port}`], name);
    const command = service.command as readonly string[];
    assert.is(command[0], 'node', name);
    // The sources with their types stripped, made when the image is built (Dockerfile, `npm run build`).
    assert.match(command[1] ?? '', /^\.build\/.*\/src\/main\.js$/, name);
    const env = service.environment ?? {};
    assert.is(String(env[name === 'outbox-relay' ? 'RELAY_PORT' : 'PORT']), String(port), name);
    assert.is(env['HOST'], '0.0.0.0', name);
  }
  for (const [name, service] of services) {
    for (const mapping of service.ports ?? [])
      assert.match(mapping, /^127\.0\.0\.1:/, `${name} publishes on localhost only`);
  }
});

test('depends_on: targets exist and wait for health', () => {
  for (const [name, service] of services) {
    const deps = service.depends_on ?? {};
    assert.ok(!Array.isArray(deps), `${name}: depends_on with conditions, not a bare list`);
    for (const [target, { condition }] of Object.entries(deps as Record<string, { condition?: string }>)) {
      assert.ok(compose.services[target] !== undefined, `${name} → ${target} exists`);
      if (target !== 'outbox-relay') assert.is(condition, 'service_healthy', `${name} → ${target}`);
      if (condition === 'service_healthy')
        assert.ok(compose.services[target]?.healthcheck, `${target} has a healthcheck`);
    }
  }
  for (const [name, service] of nodeServices) {
    const deps = Object.keys(service.depends_on ?? {});
    assert.ok(deps.includes('pulsar'), `${name} waits for the broker`);
    if (name !== 'bff') assert.ok(deps.includes('postgres'), `${name} waits for PostgreSQL`);
  }
});

test('every image is pinned to a version; nothing floats', () => {
  for (const [name, service] of services) {
    assert.ok(service.image !== undefined, `${name} has an image name`);
    const tag = /:([^:/]+)$/.exec(service.image ?? '')?.[1];
    assert.ok(tag !== undefined && tag !== 'latest' && /\d/.test(tag), `${name}: ${service.image}`);
  }
  assert.match(compose.services['prometheus']?.image ?? '', /^prom\/prometheus:v3\.\d+\.\d+$/);
  assert.match(readFileSync(`${root}Dockerfile`, 'utf8'), /^FROM node:24\.\d+\.\d+-bookworm-slim AS/m);
  assert.not.match(readFileSync(`${root}Dockerfile`, 'utf8'), /FROM \S+:latest|FROM [^:\s]+ /);
});

test('no secret in the file: passwords only from the env file', () => {
  for (const [name, service] of services) {
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      const text = String(value);
      if (/PASSWORD|SECRET|TOKEN/i.test(key))
        assert.match(text, /^\$\{[A-Z_]+(:\?[^}]*)?\}$/, `${name} ${key} comes from the env file`);
      const userinfo = /^[a-z+]+:\/\/([^@/]*)@/.exec(text)?.[1];
      if (userinfo !== undefined)
        assert.match(userinfo, /:\$\{POSTGRES_PASSWORD:\?[^}]*\}$/, `${name} ${key}: no literal password in a URL`);
    }
  }
  assert.not.match(readFileSync(`${root}compose.yaml`, 'utf8'), /PASSWORD=\S/);
});

test('every node service has a healthcheck on its own /health', () => {
  for (const [name, service] of nodeServices) {
    const check = (service.healthcheck?.test ?? []) as readonly string[];
    assert.equal(check.slice(0, 3), ['CMD', 'node', '-e'], name);
    assert.ok(check[3]?.includes(`http://127.0.0.1:${ports[name]}/health`), name);
  }
});

test('Prometheus scrapes every process on its port, and only services that exist', () => {
  const config = readYaml('docker/prometheus.yml') as {
    scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
  };
  const targets = config.scrape_configs.flatMap((job) => job.static_configs.flatMap((s) => s.targets));
  for (const [name] of nodeServices) assert.ok(targets.includes(`${name}:${ports[name]}`), `${name} is scraped`);
  for (const target of targets) {
    const [host] = target.split(':');
    assert.ok(compose.services[host ?? ''] !== undefined, `${target} is a compose service`);
  }
  const mounted = (compose.services['prometheus'] as ComposeService).volumes ?? [];
  assert.ok(mounted.includes('./docker/prometheus.yml:/etc/prometheus/prometheus.yml:ro'));
});

test.run();
