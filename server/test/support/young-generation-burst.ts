/**
 * A process that grows its young generation with a burst of short-lived objects, then goes quiet
 * with the young-generation trim running at a short interval, and prints what happened:
 * `grown <bytes>` after the burst, `trimmed <from> <to>` once it was given back.
 * Run by `server/test/ops/young-generation.test.ts` with `--max-semi-space-size=64 --expose-gc`.
 */
import {
  type Collect,
  trimYoungGenerationWhenQuiet,
  youngGenerationBytes,
} from '../../src/ops/young-generation.js';

let kept: { n: number; s: string }[] = [];
for (let i = 0; i < 3_000_000; i++) {
  kept.push({ n: i, s: `item ${i}` });
  if (kept.length > 200_000) kept = [];
}
kept = [];
console.log(`grown ${youngGenerationBytes()}`);

trimYoungGenerationWhenQuiet({
  gc: (globalThis as { gc?: Collect }).gc,
  intervalMs: 250,
  onTrimmed: (from, to) => {
    console.log(`trimmed ${from} ${to}`);
    process.exit(0);
  },
});
// What an idle server still does: a timer now and then, a few objects each time.
setInterval(() => {
  kept = Array.from({ length: 20 }, (_, n) => ({ n, s: 'tick' }));
}, 10);
