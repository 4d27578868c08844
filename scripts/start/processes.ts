import {
  DEFAULT_PORTS,
  PROCESS_MAIN,
  builtEntry,
  PROCESS_NAMES,
  freePort,
  healthUrl,
  isListening,
  portHolder,
  processEnv,
  type ProcessName,
  type SystemSettings,
} from '@alpes/infra';
import type { ProcessSpec } from './supervisor.ts';

/**
 * The usual port of each process (ARCHITECTURE §2), checked before anything starts: a port another program
 * holds is an error naming the port and, where it can be found, the program. With `free`, every process
 * takes a free port instead (printed at start).
 */
export async function choosePorts(free: boolean): Promise<Record<ProcessName, number>> {
  const ports = { ...DEFAULT_PORTS };
  if (free) {
    for (const name of PROCESS_NAMES) ports[name] = await freePort();
    return ports;
  }
  const taken: string[] = [];
  for (const name of PROCESS_NAMES) {
    // Bound on every address: a service that listens on 0.0.0.0 conflicts with a program on any of them.
    if (!(await isListening(ports[name], '0.0.0.0'))) continue;
    const holder = portHolder(ports[name]);
    taken.push(`port ${ports[name]} (${name}) is in use${holder ? ` by ${holder}` : ' by another program'}`);
  }
  if (taken.length > 0) {
    throw new Error(
      `${taken.join('; ')}. Stop that program, or run \`npm start -- --free-ports\` to give every process a free port.`,
    );
  }
  return ports;
}

/** Every process of the system, in start order (services before the relay). */
export function processes(settings: SystemSettings): ProcessSpec[] {
  return PROCESS_NAMES.map((name) => {
    const env = processEnv(name, settings);
    return {
      name,
      main: builtEntry(PROCESS_MAIN[name]),
      env,
      health: healthUrl(name, settings),
      instance: env['ALPES_INSTANCE_ID'] ?? name,
    };
  });
}
