import { parseArgs } from 'node:util';

export type Fault = 'kill' | 'network' | 'postgres';
const FAULTS: readonly Fault[] = ['kill', 'network', 'postgres'];

export interface Flags {
  /** Two instances of every process (services, saga, BFF, relay), the load spread over both BFFs. */
  readonly scaled: boolean;
  readonly faults: ReadonlySet<Fault>;
  /** The broker with TLS, tokens and authorization; every process with its own Pulsar and PostgreSQL roles. */
  readonly secure: boolean;
}

/** `--scaled`, `--secure` and `--faults kill,network,postgres` (any combination; `kill` alone by default). */
export function parseFlags(argv: readonly string[]): Flags {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scaled: { type: 'boolean', default: false },
      secure: { type: 'boolean', default: false },
      faults: { type: 'string', default: 'kill' },
    },
  });
  const faults = (values.faults ?? 'kill')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = faults.filter((f) => !FAULTS.includes(f as Fault));
  if (unknown.length > 0)
    throw new Error(`--faults: unknown fault ${unknown.join(', ')}; choose among ${FAULTS.join(', ')}`);
  return { scaled: values.scaled ?? false, secure: values.secure ?? false, faults: new Set(faults as Fault[]) };
}
