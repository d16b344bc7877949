/**
 * Run with `node --expose-gc --import tsx`: makes an object old (it survives two young
 * collections), drops it, runs `bench/full-collection.ts`'s collection and prints whether the
 * object was reclaimed. With `plain-options` as argument, it collects with
 * `gc({ type: 'major', execution: 'sync' })` instead, for comparison.
 */
import { collectFully } from '../../bench/full-collection.js';

const gc = (globalThis as { gc?: (options?: Record<string, string>) => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
let old: { payload: number[] } | null = { payload: Array.from({ length: 10_000 }, (_, i) => i) };
const ref = new WeakRef(old);
gc({ type: 'minor' });
gc({ type: 'minor' });
old = null;
// A WeakRef keeps its target alive until the end of the job that made it: collect in a later one.
setTimeout(() => {
  if (process.argv[2] === 'plain-options') gc({ type: 'major', execution: 'sync' });
  else collectFully();
  setTimeout(() => console.log(ref.deref() === undefined ? 'reclaimed' : 'kept'), 0);
}, 0);
