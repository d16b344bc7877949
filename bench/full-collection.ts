/**
 * A full collection (mark-compact) through the `gc` that `--expose-gc` puts on `globalThis`, for
 * the benchmarks' memory probes. Returns false when the process runs without it.
 *
 * Plain `gc()`, without options: in Node 20 (V8 11.3) `gc({ type: 'major' })`, with or without
 * `execution: 'sync'`, runs a scavenge of the young generation only, and `flavor: 'last-resort'`
 * is not honoured either, so readings taken after it kept the old generation's garbage
 * (docs/performance.md, room broadcast, seventeenth run).
 */
export function collectFully(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  gc();
  return true;
}
