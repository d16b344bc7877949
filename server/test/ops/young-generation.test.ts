import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  QUIET_UTILIZATION,
  trimYoungGenerationWhenQuiet,
  YOUNG_GENERATION_FLOOR_BYTES,
} from '../../src/ops/young-generation.js';

const MB = 1024 * 1024;

/**
 * Runs the trim on fake timers, one interval per reading: its event-loop utilization, and the
 * young generation's size before a collection and after it.
 */
function withReadings(readings: readonly { utilization: number; youngGeneration: number[] }[]) {
  const collections: string[] = [];
  const trimmed: [number, number][] = [];
  let step = 0;
  let read = 0;
  vi.useFakeTimers();
  try {
    const stop = trimYoungGenerationWhenQuiet({
      gc: ({ type }) => {
        collections.push(`${step}:${type}`);
      },
      intervalMs: 1000,
      utilization: () => readings[step]?.utilization ?? 0,
      youngGeneration: () => {
        const sizes = readings[step]?.youngGeneration ?? [];
        return sizes[Math.min(read++, sizes.length - 1)] ?? 0;
      },
      onTrimmed: (from, to) => trimmed.push([from, to]),
    });
    for (step = 0; step < readings.length; step++) {
      read = 0;
      vi.advanceTimersByTime(1000);
    }
    stop?.();
  } finally {
    vi.useRealTimers();
  }
  return { collections, trimmed };
}

describe('giving the young generation back when the process goes quiet', () => {
  it('does nothing without V8’s collection (node started without --expose-gc)', () => {
    expect(trimYoungGenerationWhenQuiet({ gc: undefined })).toBeNull();
  });

  it('asks for young collections only while quiet and above the floor, and reports the shrink once', () => {
    // Each reading: the size before the collection, then after it.
    const busy = { utilization: QUIET_UTILIZATION + 0.3, youngGeneration: [128 * MB, 128 * MB] };
    const quietBig = { utilization: 0.01, youngGeneration: [128 * MB, 128 * MB] };
    const quietShrinks = { utilization: 0.01, youngGeneration: [128 * MB, 2 * MB] };
    const quietSmall = { utilization: 0.01, youngGeneration: [YOUNG_GENERATION_FLOOR_BYTES] };
    const run = withReadings([busy, busy, quietBig, quietShrinks, quietSmall, busy, quietSmall]);
    expect(run.collections).toEqual(['2:minor', '3:minor']);
    expect(run.trimmed).toEqual([[128 * MB, 2 * MB]]);
  });

  it('lets V8 give back a young generation grown to 128 MB, which it keeps otherwise', async () => {
    const child = spawn(
      process.execPath,
      [
        '--max-semi-space-size=64',
        '--expose-gc',
        '--import',
        'tsx',
        join(import.meta.dirname, '../support/young-generation-burst.ts'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, output).toBe(0);
    const grown = Number(/grown (\d+)/.exec(output)?.[1]);
    const [, from, to] = /trimmed (\d+) (\d+)/.exec(output)?.map(Number) ?? [];
    expect(grown).toBeGreaterThanOrEqual(64 * MB);
    expect(from).toBeGreaterThanOrEqual(64 * MB);
    expect(to).toBeLessThanOrEqual(YOUNG_GENERATION_FLOOR_BYTES);
  }, 60_000);
});
