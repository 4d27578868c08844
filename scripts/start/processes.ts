import { DEFAULT_PORTS, PROCESS_MAIN, builtEntry, PROCESS_NAMES, freePort, healthUrl, isListening, processEnv, type ProcessName, type SystemSettings } from '@alpes/infra';
import type { ProcessSpec } from './supervisor.ts';

/** The usual port of each process, or a free one when something else holds it (printed at start). */
export async function choosePorts(log: (line: string) => void): Promise<Record<ProcessName, number>> {
  const ports = { ...DEFAULT_PORTS };
  for (const name of PROCESS_NAMES) {
    if (!(await isListening(ports[name]))) continue;
    const port = await freePort();
    log(`port ${ports[name]} (${name}) is in use; ${name} gets ${port}`);
    ports[name] = port;
  }
  return ports;
}

/** Every process of the system, in start order (services before the relay). */
export function processes(settings: SystemSettings): ProcessSpec[] {
  return PROCESS_NAMES.map((name) => ({ name, main: builtEntry(PROCESS_MAIN[name]), env: processEnv(name, settings), health: healthUrl(name, settings) }));
}
