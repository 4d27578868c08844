import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { topicTable } from '@alpes/contracts';

test('README topic table is the catalogue (run `npm run readme -w @alpes/contracts` after changing it)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(topicTable()), 'contracts/README.md is out of date');
});

test.run();
