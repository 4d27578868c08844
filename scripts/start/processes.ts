import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessSpec } from './supervisor.ts';

/** The system's processes, in start order; a service joins once its main.ts exists. */
export function processes(root: string): ProcessSpec[] {
  const all: ProcessSpec[] = [
    { name: 'relay', main: 'outbox-relay/src/main.ts', env: { RELAY_PORT: '9464' }, health: 'http://127.0.0.1:9464/health' },
    { name: 'influencers', main: 'services/influencers/src/main.ts', env: { PORT: '8000' }, health: 'http://127.0.0.1:8000/health' },
    { name: 'campanas', main: 'services/campanas/src/main.ts', env: { PORT: '8001' }, health: 'http://127.0.0.1:8001/health' },
    { name: 'contratos', main: 'services/contratos/src/main.ts', env: { PORT: '8002' }, health: 'http://127.0.0.1:8002/health' },
    { name: 'saga', main: 'services/saga/src/main.ts', env: { PORT: '8084' }, health: 'http://127.0.0.1:8084/health' },
    { name: 'bff', main: 'services/bff/src/main.ts', env: { PORT: '8004' }, health: 'http://127.0.0.1:8004/health' },
  ];
  return all.filter((spec) => existsSync(join(root, spec.main)));
}
