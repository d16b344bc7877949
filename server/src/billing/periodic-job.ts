/**
 * A job run every `intervalMs` until stopped, one run at a time; stopping waits for the run in
 * progress, so a graceful shutdown never cuts a report or a reconciliation in half.
 */
export class PeriodicJob {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Runs the job every `intervalMs`, the first time after one interval. */
  start(intervalMs: number): void {
    this.#timer = setInterval(() => {
      this.#running = this.#running.then(() => this.run()).catch(this.onError);
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
