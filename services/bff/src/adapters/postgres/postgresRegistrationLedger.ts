import { createHash } from 'node:crypto';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import type { CrearInfluencerBody } from '@alpes/contracts';
import { LedgerUnavailable, type RegistrationLedger } from '../../application/ports.ts';

/**
 * The ledger in the BFF's own schema: the first body sent with an id wins (insert … on conflict do nothing),
 * and every later one is compared with it by a digest of its canonical JSON (key order does not matter).
 */
export function createPostgresRegistrationLedger(pool: DatabasePool): RegistrationLedger {
  return {
    claim: async ({ body, idInfluencer, idCorrelacion }) => {
      const huella = fingerprint(body);
      // Every failure here is the database's (down, cut off, restarting): nothing was published yet, so the
      // client is told to retry (503), never a 500.
      const first = await (async () => {
        await pool.query(sql.unsafe`
          insert into registros (id_influencer, huella, id_correlacion) values (${idInfluencer}, ${huella}, ${idCorrelacion})
          on conflict (id_influencer) do nothing`);
        return pool.one(sql.type(z.object({ huella: z.string(), id_correlacion: z.string() }))`
          select huella, id_correlacion from registros where id_influencer = ${idInfluencer}`);
      })().catch((error: unknown) => {
        throw new LedgerUnavailable(`the registrations ledger could not be reached (${(error as Error).message})`, {
          cause: error,
        });
      });
      return first.huella === huella
        ? { outcome: 'same' }
        : { outcome: 'conflict', idCorrelacion: first.id_correlacion };
    },
  };
}

function fingerprint(body: CrearInfluencerBody): string {
  return createHash('sha256').update(canonical(body)).digest('base64url');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
