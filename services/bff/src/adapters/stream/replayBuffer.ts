/** The last `capacity` items, oldest first; appending past capacity forgets the oldest. */
export interface ReplayBuffer<T> {
  append(item: T): void;
  /** A copy, oldest first. */
  items(): readonly T[];
  readonly size: number;
}

export function createReplayBuffer<T>(capacity: number): ReplayBuffer<T> {
  if (!Number.isInteger(capacity) || capacity < 0)
    throw new Error(`replay buffer capacity must be a whole number ≥ 0, got ${capacity}`);
  const ring: T[] = [];
  let start = 0;
  return {
    append(item) {
      if (capacity === 0) return;
      if (ring.length < capacity) ring.push(item);
      else {
        ring[start] = item;
        start = (start + 1) % capacity;
      }
    },
    items: () => [...ring.slice(start), ...ring.slice(0, start)],
    get size() {
      return ring.length;
    },
  };
}
