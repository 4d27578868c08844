// The one service skeleton (issue 17, docs/conventions.md): influencers, campanas and contratos lay out their
// src/ the same way, so a newcomer learns one layout and a fix to one service's path has a place in the others.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@alpes/infra';

const test = suite('service skeleton');

/** Each domain service, with the singular and plural of its aggregate as its file names use them. */
const SERVICES = [
  { name: 'influencers', one: 'influencer', many: 'influencers', Command: 'Influencer' },
  { name: 'campanas', one: 'campana', many: 'campanas', Command: 'Campana' },
  { name: 'contratos', one: 'contrato', many: 'contratos', Command: 'Contrato' },
] as const;

/** The files every domain service has, by role (docs/conventions.md, "The service skeleton"). */
function skeleton(s: { readonly one: string; readonly many: string; readonly Command: string }): string[] {
  return [
    'main.ts',
    'app.ts',
    'config.ts',
    ...['index', 'commands', 'events', 'state', 'decide', 'evolve', 'errors', 'limites'].map((f) => `domain/${f}.ts`),
    `application/crear${s.Command}.ts`,
    `application/eliminar${s.Command}.ts`,
    `adapters/http/${s.many}Routes.ts`,
    `adapters/http/${s.one}Schemas.ts`,
    `adapters/messaging/${s.one}Consumers.ts`,
    `adapters/messaging/toCrear${s.Command}.ts`,
    `adapters/messaging/toEliminar${s.Command}.ts`,
    'adapters/postgres/migrations.ts',
    `adapters/postgres/${s.many}Projection.ts`,
    `adapters/postgres/${s.many}Queries.ts`,
  ];
}

const LAYERS = ['domain', 'application', 'adapters', 'main.ts', 'app.ts', 'config.ts'];

for (const service of SERVICES) {
  const src = join(repoRoot, 'services', service.name, 'src');
  test(`${service.name}: every file of the skeleton is there`, () => {
    const missing = skeleton(service).filter((file) => !existsSync(join(src, file)));
    assert.equal(missing, [], `${service.name}/src lacks ${missing.join(', ')}`);
  });
  test(`${service.name}: src/ holds the three layers and the three root files, nothing else`, () => {
    assert.equal(readdirSync(src).sort(), [...LAYERS].sort());
    assert.equal(readdirSync(join(src, 'adapters')).sort(), ['http', 'messaging', 'postgres']);
  });
  test(`${service.name}: its commands go through service-kit's one command pipeline, and nothing else writes`, () => {
    const consumers = readFileSync(join(src, `adapters/messaging/${service.one}Consumers.ts`), 'utf8');
    assert.match(consumers, /startCommandConsumers\(/);
    const writers = sourcesOf(src).filter((file) =>
      /\b(handleCommand|appendToStream|\.commit)\(/.test(readFileSync(file, 'utf8')),
    );
    assert.equal(writers, [], 'no command engine of its own');
  });
}

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourcesOf(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

test('a file that is not there is reported (the check can fail)', () => {
  const invented = { name: 'influencers', one: 'x', many: 'xs', Command: 'X' } as const;
  const src = join(repoRoot, 'services', 'influencers', 'src');
  assert.ok(skeleton(invented).some((file) => !existsSync(join(src, file))));
});

test.run();
