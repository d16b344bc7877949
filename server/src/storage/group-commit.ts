import postgres from 'postgres';
import type { Metrics } from '../ops/metrics.js';
import type { Sql } from './database.js';
import { commitRoomBatches, type RoomBatch, type RoomBatchResult } from './room-batch.js';

/**
 * Transactions in flight at once on PostgreSQL: with more than one, the server and PostgreSQL work
 * side by side instead of taking turns (the measurements behind the number are in
 * docs/performance.md, "Settings chosen by measurement").
 */
export const POSTGRES_COMMITS_IN_FLIGHT = 3;

/**
 * Room batches waiting before another transaction starts beside those in flight. Below it, batches
 * wait for the transaction in flight to end and go into the next one together: at light load a
 * transaction per handful of votes would cost PostgreSQL and the server far more than the wait.
 */
export const BATCHES_FOR_ANOTHER_COMMIT = 64;

/**
 * The least time between the starts of two transactions of one lane while fewer than
 * {@link BATCHES_FOR_ANOTHER_COMMIT} batches wait. A commit's fixed cost (the statement, and above
 * all the socket write to PostgreSQL, which wakes another process) is several times a vote's own,
 * so at a few hundred votes a second, a transaction per vote would be most of the server's CPU.
 * Waiting at most this long gathers them, as PostgreSQL's own `commit_delay` does for its WAL
 * flushes. A batch after a quiet spell is written at once; under load transactions take longer
 * than this anyway. 10 ms rather than 5 costs a vote's ack about 3 ms at 500 votes a second, and
 * saves a fifth of the server's CPU and two fifths of PostgreSQL's per vote there. The figures are
 * in docs/performance.md, "Settings chosen by measurement".
 */
export const COMMIT_GATHER_MS = 10;

/**
 * How long the oldest batch may wait to be stored before the node counts as overloaded and new
 * commands are refused with `overloaded` (the ones waiting are still stored).
 */
export const MAX_COMMIT_WAIT_MS = 2000;
/** Batches waiting at most before the node counts as overloaded, however fast commits are. */
export const MAX_WAITING_BATCHES = 4096;
/**
 * After the database could not be reached, how long new batches are refused at once (the error
 * is passed on) instead of waiting behind another connection attempt.
 */
export const UNREACHABLE_BACKOFF_MS = 1000;

/**
 * A room's batch as the writer takes it: the batch itself, or a function that makes it when its
 * transaction starts (see {@link GroupCommitWriter.commit}).
 */
export type BatchToCommit = RoomBatch | (() => RoomBatch);

interface Pending {
  readonly source: BatchToCommit;
  /** The batch, once its transaction started. */
  taken: RoomBatch | null;
  readonly at: number;
  readonly resolve: (result: RoomBatchResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the batches of every room that arrive while transactions are in flight are
 * written together in the next one. Under load, transactions grow by themselves and durability
 * stops costing a round trip per command; when idle, a lone batch is written at once. In between,
 * transactions start at most every {@link COMMIT_GATHER_MS}, so that a few hundred votes a second
 * do not cost a transaction each.
 *
 * Up to `concurrency` transactions are in flight, each on its own connection, so the server
 * prepares and sends the next one while PostgreSQL writes and flushes the last; a second one
 * starts only once `batchesForAnother` batches are waiting (see {@link BATCHES_FOR_ANOTHER_COMMIT}). That keeps a
 * room's batches in order only because a room never has more than one batch in flight
 * (`RoomHost` waits for each commit before the next); two transactions never hold the same room.
 *
 * A transaction the database refuses is split into one transaction per room, so a room's batch
 * that fails (whatever the reason) never fails the other rooms that shared its transaction.
 */
export class GroupCommitWriter {
  #queue: Pending[] = [];
  #inFlight = 0;
  /** When each transaction in flight started. */
  readonly #writing = new Set<{ readonly at: number }>();
  #unreachable: { until: number; error: unknown } | null = null;
  #idle: (() => void)[] = [];
  /**
   * When the last transaction started, on any lane, by the monotonic clock: a wall clock set back
   * (NTP, or a test's fake Date) must never make a lane wait for the difference.
   */
  #lastStart = Number.NEGATIVE_INFINITY;
  /** Lanes waiting out the gather interval: woken early once enough batches wait. */
  #gathering: (() => void)[] = [];

  constructor(
    private readonly sql: Sql,
    private readonly metrics?: Metrics,
    /** Transactions in flight at most: 1 for a single-connection database (embedded PGlite). */
    private readonly concurrency = 1,
    private readonly batchesForAnother = BATCHES_FOR_ANOTHER_COMMIT,
    private readonly gatherMs = COMMIT_GATHER_MS,
  ) {}

  /**
   * Resolves once the batch is durable (`ok`), or refused because the room moved on (another node
   * appended first); rejects with the database error if storage failed.
   *
   * Given a function, the writer calls it once, when the batch's transaction starts, and stores
   * what it returns: a room's commands that arrive while it waits for a transaction go into the
   * same one instead of the next. At the maximum a room waits there for part of another
   * transaction's time, long enough for its clients to answer the acks of its last commit, so
   * its commits carry about twice the votes, and each of its sockets gets one write for them
   * (docs/performance.md, durable votes, twenty-first run). A function that is never called (the
   * database was unreachable before its turn) means nothing of it was written.
   */
  commit(batch: BatchToCommit): Promise<RoomBatchResult> {
    const now = Date.now();
    if (this.#unreachable !== null && now < this.#unreachable.until) {
      return Promise.reject(this.#unreachable.error);
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ source: batch, taken: null, at: now, resolve, reject });
      const enough = this.#queue.length >= this.batchesForAnother;
      if (enough) for (const wake of this.#gathering.splice(0)) wake();
      const another = this.#inFlight < this.concurrency && enough;
      if (this.#inFlight === 0 || another) {
        this.#inFlight++;
        void this.#drain();
      }
    });
  }

  /**
   * Whether storage keeps up: `null` when it does, or how long (ms) a client should wait before
   * sending again, when the oldest batch has waited past {@link MAX_COMMIT_WAIT_MS} (a transaction
   * in flight that long counts too), or more than {@link MAX_WAITING_BATCHES} wait.
   */
  pressure(now = Date.now()): number | null {
    if (this.#unreachable !== null && now < this.#unreachable.until) return UNREACHABLE_BACKOFF_MS;
    let oldest = this.#queue[0]?.at ?? now;
    for (const writing of this.#writing) oldest = Math.min(oldest, writing.at);
    const waited = now - oldest;
    if (waited <= MAX_COMMIT_WAIT_MS && this.#queue.length <= MAX_WAITING_BATCHES) return null;
    return Math.min(10_000, Math.max(500, waited));
  }

  /** Resolves when everything committed so far has been written (or has failed). */
  flush(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  async #drain(): Promise<void> {
    // Yield once so that batches made in the same tick join the first transaction.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.#queue.length > 0) {
      await this.#gather();
      this.#lastStart = performance.now();
      const pending = this.#queue;
      this.#queue = [];
      await this.#write(pending);
    }
    this.#inFlight--;
    if (this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  /**
   * Waits until {@link COMMIT_GATHER_MS} have passed since the last transaction started, unless
   * enough batches wait for a transaction of their own (see {@link BATCHES_FOR_ANOTHER_COMMIT}).
   */
  async #gather(): Promise<void> {
    const wait = this.#lastStart + this.gatherMs - performance.now();
    if (wait <= 0 || this.#queue.length >= this.batchesForAnother) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        const index = this.#gathering.indexOf(done);
        if (index >= 0) this.#gathering.splice(index, 1);
        resolve();
      };
      const timer = setTimeout(done, wait);
      this.#gathering.push(done);
    });
  }

  async #write(queued: Pending[]): Promise<void> {
    const pending: Pending[] = [];
    const batches: RoomBatch[] = [];
    for (const entry of queued) {
      const batch = takeBatch(entry);
      if (batch === null) continue;
      pending.push(entry);
      batches.push(batch);
    }
    if (pending.length === 0) return;
    const stop = this.metrics?.commitSeconds.startTimer();
    // The oldest batch's arrival, so a transaction that hangs (an unreachable database) counts.
    const started = { at: pending.reduce((min, entry) => Math.min(min, entry.at), Date.now()) };
    this.#writing.add(started);
    try {
      const results = await commitRoomBatches(this.sql, batches);
      stop?.();
      this.metrics?.commitBatchEvents.observe(batches.reduce((sum, batch) => sum + batch.events.length, 0));
      this.#unreachable = null;
      for (const [index, entry] of pending.entries())
        entry.resolve(results.get(batches[index]?.roomId ?? '') ?? { ok: false, storedSeq: -1 });
    } catch (error) {
      stop?.();
      this.#writing.delete(started);
      // The database answered and refused the transaction: one room's batch may be the cause, and
      // the other rooms must not fail with it. Each batch goes again in a transaction of its own,
      // so only the batch the database refuses fails. When the database did not answer at all
      // (unreachable, connection lost), retrying batch by batch would only multiply the wait.
      if (pending.length > 1 && error instanceof postgres.PostgresError) {
        this.metrics?.commitSplits.inc();
        for (const entry of pending) await this.#write([entry]);
        return;
      }
      // Unreachable: the batches waiting now would only wait for the next connection attempt.
      this.#unreachable = { until: Date.now() + UNREACHABLE_BACKOFF_MS, error };
      for (const entry of [...pending, ...this.#queue.splice(0)]) entry.reject(error);
    } finally {
      this.#writing.delete(started);
    }
  }
}

/**
 * A pending batch, made now if it was given as a function (once, however many transactions it
 * goes in), or `null` when making it threw: that batch fails alone.
 */
function takeBatch(entry: Pending): RoomBatch | null {
  if (entry.taken === null) {
    try {
      entry.taken = typeof entry.source === 'function' ? entry.source() : entry.source;
    } catch (error) {
      entry.reject(error);
      return null;
    }
  }
  return entry.taken;
}
