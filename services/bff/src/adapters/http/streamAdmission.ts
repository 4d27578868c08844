/** Counts open streams, in all and per client address, and admits a new one only below both caps. */
export interface StreamAdmission {
  /** `ok` (counted; call `release` when it closes), or which cap refused it. */
  admit(address: string): 'ok' | 'full' | 'address';
  /** What `admit` would answer now, counting nothing: `full` is known without the address (`undefined` for it). */
  wouldRefuse(address: () => string): 'full' | 'address' | undefined;
  release(address: string): void;
}

export function createStreamAdmission(limits: {
  readonly maxStreams: number;
  readonly maxStreamsPerAddress: number;
}): StreamAdmission {
  const perAddress = new Map<string, number>();
  let open = 0;
  return {
    admit: (address) => {
      if (open >= limits.maxStreams) return 'full';
      const mine = perAddress.get(address) ?? 0;
      if (mine >= limits.maxStreamsPerAddress) return 'address';
      open += 1;
      perAddress.set(address, mine + 1);
      return 'ok';
    },
    wouldRefuse: (address) => {
      if (open >= limits.maxStreams) return 'full';
      return (perAddress.get(address()) ?? 0) >= limits.maxStreamsPerAddress ? 'address' : undefined;
    },
    release: (address) => {
      open -= 1;
      const mine = (perAddress.get(address) ?? 1) - 1;
      if (mine <= 0) perAddress.delete(address);
      else perAddress.set(address, mine);
    },
  };
}
