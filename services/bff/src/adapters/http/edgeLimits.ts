/** How much of the BFF one client, and all clients together, may use (issue 16: the public edge is bounded). */
export interface EdgeLimits {
  /** `POST /influencers` per address and window; 0 turns the limit off (benchmarks, tests). */
  readonly registrationsPerWindow: number;
  readonly registrationWindowMs: number;
  /** Longest time to receive a whole request (headers and body); SSE answers are not bounded by it. */
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** Open `GET /stream` connections: all together (503 beyond) and per address (429 beyond). */
  readonly maxStreams: number;
  readonly maxStreamsPerAddress: number;
  /** Pulsar readers serving resumes older than the in-memory buffer, at once; the others wait their turn. */
  readonly maxCatchUpReaders: number;
  /** Most messages a resume reads back from Pulsar; past it the client gets `event: reset` instead. */
  readonly replayWindow: number;
  /** Oldest message a resume replays: a resume point published longer ago gets `event: reset` straight away. */
  readonly replayWindowMs: number;
}

export const defaultLimits: EdgeLimits = {
  registrationsPerWindow: 0,
  registrationWindowMs: 60_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxStreams: 1000,
  maxStreamsPerAddress: 20,
  maxCatchUpReaders: 4,
  replayWindow: 10_000,
  replayWindowMs: 15 * 60_000,
};
