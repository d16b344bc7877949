/**
 * What the durable-votes benchmark's processes share: the phase plan they run, the closed-loop
 * voter driver (rate cap and bounded in-flight per connection), a latency histogram that merges
 * across processes, and the result they report.
 */

/** One measured phase, in wall-clock ms (every process reads the same clock). */
export interface PhasePlan {
  /** `max`: every connection votes at `perConnectionRate`; `paced`: the whole load offers `totalRate`. */
  readonly mode: 'max' | 'paced';
  /** Votes per second one connection may send (the server allows 20 sustained). */
  readonly perConnectionRate: number;
  readonly maxInFlight: number;
  readonly startAt: number;
  readonly windowStart: number;
  readonly windowEnd: number;
  /** Phase end: no new votes; what is in flight is awaited (bounded). */
  readonly stopAt: number;
}

/** What one process measured in a phase's window (counters are window deltas). */
export interface PhaseResult {
  readonly acked: number;
  readonly sent: number;
  readonly deliveries: number;
  readonly otherFrames: number;
  readonly errors: Record<string, number>;
  readonly closes: Record<string, number>;
  readonly hist: number[];
  /** Votes still unanswered when the phase ended (after the bounded wait). */
  readonly unanswered: number;
  readonly connections: number;
  readonly open: number;
}

// ---------------------------------------------------------------- latency histogram

/** Log buckets: 64 per power of two of microseconds (about 1.1 % wide), up to 2^25 µs (33 s). */
const PER_OCTAVE = 64;
export const HIST_BUCKETS = 25 * PER_OCTAVE;

export function newHist(): number[] {
  return new Array<number>(HIST_BUCKETS).fill(0);
}

export function record(hist: number[], micros: number): void {
  const index = micros < 1 ? 0 : Math.min(HIST_BUCKETS - 1, Math.floor(Math.log2(micros) * PER_OCTAVE));
  hist[index] = (hist[index] ?? 0) + 1;
}

export function mergeHists(hists: readonly number[][]): number[] {
  const total = newHist();
  for (const hist of hists)
    for (let i = 0; i < HIST_BUCKETS; i++) total[i] = (total[i] ?? 0) + (hist[i] ?? 0);
  return total;
}

/** The latency (ms) under which `q` of the samples fall, or NaN without samples. */
export function quantileMs(hist: readonly number[], q: number): number {
  const count = hist.reduce((a, b) => a + b, 0);
  if (count === 0) return Number.NaN;
  const rank = Math.ceil(q * count);
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i] ?? 0;
    if (seen >= rank) return 2 ** ((i + 0.5) / PER_OCTAVE) / 1000;
  }
  return Number.NaN;
}

export function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
}

// ---------------------------------------------------------------- the voter driver

/** One voter: how to send a vote; the driver calls `done` through {@link VoterDriver.answered}. */
export interface Voter {
  /** Sends a vote for `card`; returns false if it could not be sent (closed connection). */
  send(card: string, sentAt: number): boolean;
  readonly open: boolean;
}

interface VoterState {
  readonly voter: Voter;
  tokens: number;
  inFlight: number;
  next: number;
}

const CARDS = ['3', '5'] as const;

/**
 * Drives voters in a closed loop: each votes when it has a rate token and fewer than
 * `maxInFlight` votes unanswered, alternating two cards so every vote changes something. A tick
 * every 5 ms refills tokens; an answer sends the next vote at once when allowed.
 */
export class VoterDriver {
  readonly #voters: VoterState[] = [];
  #plan: PhasePlan | null = null;
  #rate = 0;
  #lastTick = 0;
  #timer: NodeJS.Timeout | null = null;
  #windowOpen = false;
  hist = newHist();
  acked = 0;
  sent = 0;
  errors: Record<string, number> = {};

  add(voter: Voter): number {
    this.#voters.push({ voter, tokens: Math.random(), inFlight: 0, next: this.#voters.length % 2 });
    return this.#voters.length - 1;
  }

  get size(): number {
    return this.#voters.length;
  }

  get inFlight(): number {
    let total = 0;
    for (const v of this.#voters) total += v.inFlight;
    return total;
  }

  /** Runs a phase; resolves with the window's counters once it ended and in-flight votes drained. */
  async run(
    plan: PhasePlan,
    totalRate: number | null,
    snapshot: () => Omit<PhaseResult, 'hist' | 'acked' | 'sent' | 'errors' | 'unanswered'>,
  ): Promise<PhaseResult> {
    this.#plan = plan;
    this.#rate =
      plan.mode === 'max' || totalRate === null
        ? plan.perConnectionRate
        : Math.min(plan.perConnectionRate, totalRate / Math.max(1, this.#voters.length));
    const sleep = (until: number) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())));
    await sleep(plan.startAt);
    this.#lastTick = performance.now();
    for (const v of this.#voters) v.tokens = Math.random();
    this.#timer = setInterval(() => this.#tick(), 5);
    await sleep(plan.windowStart);
    const before = snapshot();
    this.hist = newHist();
    this.acked = 0;
    this.sent = 0;
    this.errors = {};
    this.#windowOpen = true;
    await sleep(plan.windowEnd);
    this.#windowOpen = false;
    const after = snapshot();
    const result = {
      acked: this.acked,
      sent: this.sent,
      errors: { ...this.errors },
      hist: this.hist,
      deliveries: after.deliveries - before.deliveries,
      otherFrames: after.otherFrames - before.otherFrames,
      closes: after.closes,
      connections: after.connections,
      open: after.open,
    };
    await sleep(plan.stopAt);
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#plan = null;
    const drainUntil = Date.now() + 5000;
    while (this.inFlight > 0 && Date.now() < drainUntil) await sleep(Date.now() + 20);
    return { ...result, unanswered: this.inFlight };
  }

  /** A vote of voter `index`, sent at `sentAt` (performance.now), was answered. */
  answered(index: number, sentAt: number, errorCode: string | null): void {
    const v = this.#voters[index];
    if (v === undefined) return;
    v.inFlight = Math.max(0, v.inFlight - 1);
    if (this.#windowOpen) {
      if (errorCode === null) {
        this.acked++;
        record(this.hist, (performance.now() - sentAt) * 1000);
      } else {
        this.errors[errorCode] = (this.errors[errorCode] ?? 0) + 1;
      }
    }
    if (this.#plan !== null) this.#pump(v);
  }

  /** A voter's connection closed with votes in flight: they will never be answered. */
  lost(index: number): void {
    const v = this.#voters[index];
    if (v !== undefined) v.inFlight = 0;
  }

  #tick(): void {
    const now = performance.now();
    const elapsed = (now - this.#lastTick) / 1000;
    this.#lastTick = now;
    const add = elapsed * this.#rate;
    // Allow at most one second's worth of saved tokens, and never more than the server's burst allows.
    const cap = Math.min(Math.max(1, this.#rate), 10);
    for (const v of this.#voters) {
      v.tokens = Math.min(cap, v.tokens + add);
      this.#pump(v);
    }
  }

  #pump(v: VoterState): void {
    const plan = this.#plan;
    if (plan === null) return;
    while (v.tokens >= 1 && v.inFlight < plan.maxInFlight && v.voter.open) {
      const card = CARDS[v.next] ?? '3';
      if (!v.voter.send(card, performance.now())) return;
      v.next ^= 1;
      v.tokens -= 1;
      v.inFlight++;
      if (this.#windowOpen) this.sent++;
    }
  }
}

// ---------------------------------------------------------------- IPC messages

export interface LoadClient {
  /** `ws://host:port/v1/ws?...&token=...` */
  readonly url: string;
  readonly facilitator: boolean;
  readonly localAddress: string;
}

export type ToLoad =
  | { type: 'connect'; clients: LoadClient[] }
  | { type: 'start-round' }
  | { type: 'phase'; plan: PhasePlan; totalRate: number | null }
  | { type: 'exit' };

export type FromLoad =
  | { type: 'connected'; open: number; failed: Record<string, number> }
  | { type: 'round-started'; ok: number; errors: Record<string, number> }
  | { type: 'phase-result'; result: PhaseResult };
