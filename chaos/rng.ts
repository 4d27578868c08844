import { createRandom } from '@alpes/send-events';

/** A seeded pseudo-random generator: the same CHAOS_SEED replays the same choices. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  /** A version-4 UUID drawn from the generator (valid for the BFF's `format: uuid`). */
  uuid(): string;
}

/** send-events' seeded source (mulberry32), plus the two draws the chaos plan needs. */
export function createRng(seed: number): Rng {
  const random = createRandom(seed);
  const { next } = random;
  return {
    next,
    between: (min, max) => min + next() * (max - min),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return random.pick(items);
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
    uuid: () => random.uuid(),
  };
}
