import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface EdgeSecrets {
  /** Signs the registrants' capability tokens (BFF_SECRET). */
  readonly secret: string;
  /** The operators' bearer token for the dashboard and the whole stream (BFF_OPERATOR_TOKEN). */
  readonly operatorToken: string;
}

/**
 * The BFF's secrets for `npm start`: generated on the first run and kept (mode 0600) in the data folder, so
 * the registrants' links and the operator token survive restarts. Environment variables win when set.
 */
export function edgeSecrets(file: string, environment: NodeJS.ProcessEnv): EdgeSecrets {
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<EdgeSecrets>) : {};
  const secrets = {
    secret: environment['BFF_SECRET'] ?? kept.secret ?? randomBytes(32).toString('base64url'),
    operatorToken: environment['BFF_OPERATOR_TOKEN'] ?? kept.operatorToken ?? randomBytes(32).toString('base64url'),
  };
  if (kept.secret !== secrets.secret || kept.operatorToken !== secrets.operatorToken) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}
