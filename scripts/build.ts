// `npm run build`: the JavaScript the system's processes run (`.build/`, see infra/src/runtimeBuild.ts). The
// harnesses and `npm start` build on their own; the image runs this once.
import { buildRuntime } from '@alpes/infra/build';

const { files, written, ms } = buildRuntime();
console.log(`[build] ${files} files in .build (${written} rewritten) in ${ms} ms`);
