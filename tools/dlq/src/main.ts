// `npm run dlq -- …`: the operator's dead-letter tool (see README.md).
import { runDlq } from './cli.ts';

try {
  process.exitCode = await runDlq(process.argv.slice(2), { env: process.env, out: (line) => console.log(line) });
} catch (error) {
  console.error(`dlq: ${(error as Error).message}`);
  process.exitCode = 1;
}
