import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The repository root (two levels above infra/src). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Runtime data (databases, broker data, logs); ignored by git. */
export const dataRoot = process.env['ALPES_DATA_DIR'] ?? join(repoRoot, '.data');
/** Downloaded artefacts kept between runs (classpath files); ignored by git. */
export const cacheRoot = join(repoRoot, '.cache');
export const standaloneDir = join(repoRoot, 'infra', 'pulsar-standalone');
