/**
 * At most `size` catch-up readers at once (each holds a broker reader and its receive queue); the others
 * wait in line. 3 000 resumes from the start of the topic at once would otherwise open 3 000 readers.
 */
export interface ReaderSlots {
  /** Resolves with the release function once a slot is free. */
  acquire(): Promise<() => void>;
}

export function createReaderSlots(size: number): ReaderSlots {
  let free = size;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  };
  return {
    acquire: () => {
      const once = (): (() => void) => {
        let released = false;
        return () => {
          if (!released) {
            released = true;
            release();
          }
        };
      };
      if (free > 0) {
        free -= 1;
        return Promise.resolve(once());
      }
      return new Promise((resolve) => waiting.push(() => resolve(once())));
    },
  };
}
