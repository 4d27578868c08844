export { listDeadLetters, findDeadLetter, type DeadLetterTopic } from './inventory.ts';
export { showDeadLetters, oldestAge, type DeadLetterView } from './show.ts';
export { replayDeadLetters, REPLAYED_FROM, type ReplayOptions } from './replay.ts';
export { purgeDeadLetters } from './purge.ts';
export { runDlq } from './cli.ts';
