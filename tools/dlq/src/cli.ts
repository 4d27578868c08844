import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { createPulsarAdmin } from '@alpes/infra/pulsarAdmin';
import { createPulsarClient } from '@alpes/pulsar';
import { toJson } from './decode.ts';
import { findDeadLetter, listDeadLetters } from './inventory.ts';
import { purgeDeadLetters } from './purge.ts';
import { replayDeadLetters } from './replay.ts';
import { oldestAge, showDeadLetters } from './show.ts';

export const USAGE = `usage: npm run dlq -- <command> [options]
  list                                   every dead-letter topic: depth, oldest age, subscription, original topic
  show <topic> [--limit N]               the dead letters (decoded, hex, reason, redeliveries); nothing is changed
  replay <topic> (--message ID | --all) [--keep]
                                         republish to the original topic, then acknowledge (--keep: leave it)
  purge <topic> [--yes]                  drop the dead letters (asks for the topic's name unless --yes)
options: --json (machine-readable output), --namespace tenant/ns (default PULSAR_NAMESPACE or public/default)
environment: PULSAR_URL, PULSAR_ADMIN_URL, PULSAR_TOKEN and PULSAR_TLS_CA (optional; secure mode: the admin token and the CA file)`;

interface Io {
  readonly env: NodeJS.ProcessEnv;
  readonly out: (line: string) => void;
  readonly confirm?: (question: string) => Promise<string>;
}

/** The `dlq` command line: returns the exit code (2 for a usage error), prints through `io.out`. */
export async function runDlq(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      limit: { type: 'string' },
      message: { type: 'string' },
      all: { type: 'boolean' },
      keep: { type: 'boolean' },
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
      namespace: { type: 'string' },
    },
  });
  const [command, topic] = positionals;
  const problem = usageProblem(command, topic, values);
  const pulsarUrl = io.env['PULSAR_URL'];
  const adminUrl = io.env['PULSAR_ADMIN_URL'];
  if (problem || !pulsarUrl || !adminUrl) {
    io.out(`${problem ?? 'PULSAR_URL and PULSAR_ADMIN_URL must be set'}\n${USAGE}`);
    return 2;
  }
  const token = io.env['PULSAR_TOKEN'] || undefined;
  const namespace = values.namespace ?? io.env['PULSAR_NAMESPACE'] ?? 'public/default';
  // Secure mode: the broker's CA (PULSAR_TLS_CA) for pulsar+ssl:// and the https admin API.
  const tlsCaFile = io.env['PULSAR_TLS_CA'] || undefined;
  const admin = createPulsarAdmin(adminUrl, { token, tlsCaFile });
  const client = createPulsarClient({
    serviceUrl: pulsarUrl,
    token,
    tls: tlsCaFile ? { ca: readFileSync(tlsCaFile) } : undefined,
    operationTimeoutMs: 10_000,
  });
  const print = (value: unknown, text: () => string) => io.out(values.json ? toJson(value) : text());
  try {
    if (command === 'list') {
      const rows = await Promise.all(
        (await listDeadLetters(admin, namespace)).map(async (d) => ({
          ...d,
          oldestAgeSeconds: await oldestAge(client, d),
        })),
      );
      print(
        rows,
        () =>
          rows
            .map(
              (r) =>
                `${r.topic}  depth=${r.depth}  oldest=${r.oldestAgeSeconds ?? '-'}s  subscription=${r.subscription}  original=${r.originalTopic}`,
            )
            .join('\n') || 'no dead-letter topics',
      );
      return 0;
    }
    const dead = await findDeadLetter(admin, namespace, topic as string);
    if (command === 'show') {
      const shown = await showDeadLetters(client, admin, dead, Number(values.limit ?? 10));
      print(
        shown,
        () =>
          shown
            .map(
              (m) =>
                `${m.messageId} key=${m.key} age=${m.ageSeconds}s redeliveries=${m.redeliveryCount}\n  reason: ${m.reason}\n  ${m.value === undefined ? `hex: ${m.hex}` : toJson(m.value)}`,
            )
            .join('\n') || 'empty',
      );
      return 0;
    }
    if (command === 'replay') {
      const replayed = await replayDeadLetters(client, admin, dead, { messageId: values.message, keep: values.keep });
      print({ replayed }, () => `replayed ${replayed.length} message(s) to ${dead.originalTopic}`);
      return 0;
    }
    const answer = values.yes
      ? dead.topic
      : await (io.confirm ?? ask)(
          `purge ${dead.depth} message(s) of ${dead.topic}? type the topic's name to confirm: `,
        );
    if (answer.trim() !== dead.topic && !dead.topic.endsWith(`/${answer.trim()}`)) {
      io.out('not confirmed; nothing purged');
      return 1;
    }
    const purged = await purgeDeadLetters(client, dead);
    print({ purged }, () => `purged ${purged} message(s) of ${dead.topic}`);
    return 0;
  } finally {
    await client.close();
  }
}

function usageProblem(
  command: string | undefined,
  topic: string | undefined,
  values: { limit?: string; message?: string; all?: boolean },
): string | undefined {
  if (!command || !['list', 'show', 'replay', 'purge'].includes(command))
    return `unknown command ${command ?? '(none)'}`;
  if (command !== 'list' && !topic) return `${command} needs a dead-letter topic`;
  if (values.limit !== undefined && !/^[1-9]\d{0,5}$/.test(values.limit)) return '--limit must be a positive integer';
  if (command === 'replay' && (values.message === undefined) === (values.all !== true))
    return 'replay needs exactly one of --message ID or --all';
  return undefined;
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
