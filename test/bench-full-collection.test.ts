import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { collectFully } from '../bench/full-collection.js';

// The memory probes' collection must reach the old generation: a scavenge leaves its garbage in
// every reading, which is what made the idle benchmark's RSS swing by tens of MB.

const run = async (...args: string[]) =>
  (
    await promisify(execFile)(process.execPath, [
      '--expose-gc',
      '--import',
      'tsx',
      join(import.meta.dirname, 'support/old-space-garbage.ts'),
      ...args,
    ])
  ).stdout.trim();

describe('the benchmarks’ full collection', () => {
  it('reclaims an object that already reached the old generation', async () => {
    expect(await run()).toBe('reclaimed');
    // (`gc({ type: 'major', execution: 'sync' })` in its place prints "kept" on Node 20: run
    // test/support/old-space-garbage.ts with `plain-options`.)
  });

  it('reports that it cannot collect in a process started without --expose-gc', () => {
    expect('gc' in globalThis).toBe(false);
    expect(collectFully()).toBe(false);
  });
});
