/** Time per call of small synchronous functions, for the suites that measure code in a loop. */

// Long enough for the JIT to settle, short enough for a whole suite to take seconds.
export const WARMUP_MS = 200;
export const MEASURE_MS = 500;

/** Nanoseconds per call of `fn`, measured in batches after a warm-up. */
export function nanosPerCall(fn: () => unknown): number {
  let sink: unknown;
  const run = (ms: number): number => {
    const deadline = process.hrtime.bigint() + BigInt(ms) * 1_000_000n;
    const start = process.hrtime.bigint();
    let calls = 0;
    while (process.hrtime.bigint() < deadline) {
      for (let i = 0; i < 100; i += 1) sink = fn();
      calls += 100;
    }
    return Number(process.hrtime.bigint() - start) / calls;
  };
  run(WARMUP_MS);
  const ns = run(MEASURE_MS);
  if (sink === Symbol.for('never')) console.log(sink); // keeps the results alive for the optimizer
  return ns;
}

/** `850 ns`, or `12.3 µs` from 10 µs up. */
export const formatNanos = (ns: number): string =>
  ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${Math.round(ns)} ns`;
