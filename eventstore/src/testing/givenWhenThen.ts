import assert from 'node:assert/strict';
import { fold } from '../fold.ts';
import { isDomainError } from '../domainError.ts';
import type { Decider, Event } from '../types.ts';

export interface Then<S, E> {
  /** The command yields exactly these events. */
  then(expected: E[]): void;
  /** The command fails with a DomainError of this code (and a non-empty message). */
  thenFails(code: string): void;
  /** The state after given + the produced events. */
  state(): S;
}

/**
 * Decider tests in the STYLE.md shape: given events / when command / then events or error code.
 * `givenWhenThen(decider)(...events).when(command).then([...])`.
 */
export function givenWhenThen<S, C, E extends Event>(decider: Decider<S, C, E>) {
  return (...given: E[]) => ({
    when(command: C): Then<S, E> {
      const run = () => decider.decide(command, fold(decider, given));
      return {
        then: (expected) => assert.deepEqual(run(), expected),
        thenFails: (code) => {
          let events: E[] | undefined;
          try {
            events = run();
          } catch (error) {
            assert.ok(
              isDomainError(error, code),
              `expected DomainError ${code}, got ${String(error)} (${(error as { code?: string }).code})`,
            );
            assert.ok(error.message.length > 0, 'a readable message');
            return;
          }
          assert.fail(`expected ${code}, got events ${JSON.stringify(events)}`);
        },
        state: () => fold(decider, [...given, ...run()]),
      };
    },
  });
}
