import type { Metrics } from '../ops/metrics.js';
import type { Sql } from './database.js';
import { commitRoomBatches, type RoomBatch, type RoomBatchResult } from './room-batch.js';

interface Pending {
  readonly batch: RoomBatch;
  readonly resolve: (result: RoomBatchResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the batches of every room that arrive while a transaction is in flight are written
 * together in the next one. Under load, transactions grow by themselves and durability stops
 * costing a round trip per command; when idle, a lone batch is written at once.
 *
 * One transaction is in flight at a time, so a room's batches commit in the order they came.
 */
export class GroupCommitWriter {
  #queue: Pending[] = [];
  #flushing: Promise<void> | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly metrics?: Metrics,
  ) {}

  /**
   * Resolves once the batch is durable (`ok`), or refused because the room moved on (another node
   * appended first); rejects with the database error if storage failed.
   */
  commit(batch: RoomBatch): Promise<RoomBatchResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ batch, resolve, reject });
      if (this.#flushing === null) this.#flushing = this.#drain();
    });
  }

  /** Resolves when everything committed so far has been written (or has failed). */
  async flush(): Promise<void> {
    while (this.#flushing !== null) await this.#flushing;
  }

  async #drain(): Promise<void> {
    // Yield once so that batches made in the same tick join the first transaction.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.#queue.length > 0) {
      const pending = this.#queue;
      this.#queue = [];
      const stop = this.metrics?.commitSeconds.startTimer();
      try {
        const results = await commitRoomBatches(
          this.sql,
          pending.map((entry) => entry.batch),
        );
        stop?.();
        this.metrics?.commitBatchEvents.observe(
          pending.reduce((sum, entry) => sum + entry.batch.events.length, 0),
        );
        for (const entry of pending)
          entry.resolve(results.get(entry.batch.roomId) ?? { ok: false, storedSeq: -1 });
      } catch (error) {
        for (const entry of pending) entry.reject(error);
      }
    }
    this.#flushing = null;
  }
}
