import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

/**
 * Gives V8's young generation back once the process goes quiet.
 *
 * `npm start` lets the young generation grow to 2 × 64 MB (`--max-semi-space-size=64`), which a
 * burst of work (thousands of connections joining at once, a vote storm) does. V8 shrinks it only
 * during a collection that sees a low but non-zero allocation rate, and a quiet server allocates so
 * little that no collection comes: an idle server kept its 128 MB for as long as it was watched.
 * So while the event loop is mostly idle and the young generation is above its floor, this asks
 * for a young collection every couple of seconds (a scavenge of what is live in it: some tens of
 * milliseconds the first time after a burst, a third of a millisecond after that), and V8's own
 * rule decides whether to shrink. Under load it does nothing.
 */

/** How often the process is looked at. */
export const TRIM_INTERVAL_MS = 2000;
/** Event-loop utilization over an interval below which the process counts as quiet. */
export const QUIET_UTILIZATION = 0.1;
/** A young generation at or below this is at its floor (V8 starts it at 2 × 1 MB). */
export const YOUNG_GENERATION_FLOOR_BYTES = 4 * 1024 * 1024;

/** V8's collection, as `--expose-gc` exposes it on `globalThis.gc`. */
export type Collect = (options: { type: 'minor' }) => void;

/** The young generation's committed size, both semi-spaces, in bytes. */
export function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

export interface YoungGenerationTrimOptions {
  /** V8's collection; without it (Node started without `--expose-gc`) nothing is trimmed. */
  readonly gc: Collect | undefined;
  readonly intervalMs?: number;
  /** Called when the young generation came down to its floor, with its size before and after. */
  readonly onTrimmed?: (fromBytes: number, toBytes: number) => void;
  /** The event loop's utilization since the previous call (0–1); tests pass their own. */
  readonly utilization?: () => number;
  /** The young generation's size; tests pass their own. */
  readonly youngGeneration?: () => number;
}

/**
 * Starts looking every {@link TRIM_INTERVAL_MS}; returns a stop function, or `null` when `gc` is
 * not available. The timer never keeps the process alive.
 */
export function trimYoungGenerationWhenQuiet(options: YoungGenerationTrimOptions): (() => void) | null {
  const gc = options.gc;
  if (gc === undefined) return null;
  const utilization = options.utilization ?? eventLoopUtilizationSinceLastCall();
  const youngGeneration = options.youngGeneration ?? youngGenerationBytes;
  let grownTo = 0;
  const timer = setInterval(() => {
    const quiet = utilization() < QUIET_UTILIZATION;
    const before = youngGeneration();
    if (before <= YOUNG_GENERATION_FLOOR_BYTES) return;
    grownTo = Math.max(grownTo, before);
    if (!quiet) return;
    gc({ type: 'minor' });
    const after = youngGeneration();
    if (after <= YOUNG_GENERATION_FLOOR_BYTES) {
      options.onTrimmed?.(grownTo, after);
      grownTo = 0;
    }
  }, options.intervalMs ?? TRIM_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function eventLoopUtilizationSinceLastCall(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(now, last);
    last = now;
    return since.utilization;
  };
}
