import type { Metrics } from '../ops/metrics.js';
import type { Sql } from './database.js';
import { appendEvents, type StoredEvent } from './event-store.js';

interface Pending {
  readonly events: readonly StoredEvent[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: appends from every room that arrive while a transaction is in flight are written
 * together in the next one. Under load, batches grow by themselves and durability stops costing
 * a round trip per command; when idle, a lone append is written at once.
 *
 * One transaction is in flight at a time, so batches commit in the order they were appended.
 */
export class GroupCommitWriter {
  #queue: Pending[] = [];
  #flushing: Promise<void> | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly metrics?: Metrics,
  ) {}

  /** Resolves once the events are durable; rejects (with the database error) if they are not. */
  append(events: readonly StoredEvent[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ events, resolve, reject });
      if (this.#flushing === null) this.#flushing = this.#drain();
    });
  }

  /** Resolves when everything appended so far has been written (or has failed). */
  async flush(): Promise<void> {
    while (this.#flushing !== null) await this.#flushing;
  }

  async #drain(): Promise<void> {
    // Yield once so that appends made in the same tick join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      const events = batch.flatMap((pending) => pending.events);
      const stop = this.metrics?.commitSeconds.startTimer();
      try {
        await appendEvents(this.sql, events);
        stop?.();
        this.metrics?.commitBatchEvents.observe(events.length);
        for (const pending of batch) pending.resolve();
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    this.#flushing = null;
  }
}
