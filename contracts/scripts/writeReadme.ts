import { readFileSync, writeFileSync } from 'node:fs';
import { withTopicTable } from '../src/topicTable.ts';

/** Regenerates the topic table of contracts/README.md from the catalogue. */
const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withTopicTable(readFileSync(path, 'utf8')));
console.log(`updated ${path.pathname}`);
