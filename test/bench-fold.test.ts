import { afterEach, describe, expect, it, vi } from 'vitest';
import runFoldBench from '../bench/fold.js';

// The fold benchmark drives the room domain directly: a change to the rules it relies on (who may
// vote, the opening round) must fail here, not only when someone next measures.

describe('the fold benchmark', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('times each of its three steps, every vote accepted by the domain, and a copy of the room three ways', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line?: unknown) => {
      lines.push(String(line ?? ''));
    });
    runFoldBench();
    const rows = lines.filter((line) => /^\| `(evolve|decide)`/.test(line));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/\| \d+(\.\d)? (ns|µs) \|$/);
    // Then one copy of the room, three ways: the reason a vote's fold builds it as a literal.
    const copies = lines.filter((line) => /^\| (`\{ \.\.\.room, seq \}`|a literal of)/.test(line));
    expect(copies).toHaveLength(3);
    const decisions = lines.filter((line) => /^\| (`\{ \.\.\.decision|a literal \|)/.test(line));
    expect(decisions).toHaveLength(2);
    for (const row of copies) expect(row).toMatch(/\| \d+(\.\d)? (ns|µs) \|$/);
  });
});
