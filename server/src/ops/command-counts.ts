import type { Counter } from 'prom-client';

/**
 * Commands handled, by type and outcome, counted in plain maps and added to a prom-client
 * counter when `/metrics` is read. prom-client's own `inc` builds and hashes a key from the labels
 * on every call, which was about 1 % of the server's busy time at the durable-votes maximum, where
 * every vote counts once (docs/performance.md, durable votes, seventeenth run).
 *
 * @example
 * ```ts
 * const counts = new CommandCounts();
 * counts.count('vote.cast', 'ok');
 * counts.addTo(counter); // the counter's `collect`
 * ```
 */
export class CommandCounts {
  readonly #byType = new Map<string, Map<string, number>>();

  /** Counts one command of `type` that ended in `outcome` (`ok`, or the error's code). */
  count(type: string, outcome: string): void {
    let byOutcome = this.#byType.get(type);
    if (byOutcome === undefined) {
      byOutcome = new Map();
      this.#byType.set(type, byOutcome);
    }
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
  }

  /** Adds what was counted since the last call to `counter`, and starts again from nothing. */
  addTo(counter: Counter<'type' | 'outcome'>): void {
    // The keys stay, set back to 0: a server sees a handful of types and outcomes, again and again.
    for (const [type, byOutcome] of this.#byType) {
      for (const [outcome, count] of byOutcome) {
        if (count === 0) continue;
        counter.inc({ type, outcome }, count);
        byOutcome.set(outcome, 0);
      }
    }
  }
}
