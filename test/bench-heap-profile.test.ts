import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { allocationsByFunction } from '../bench/heap-profile.js';

// The votes benchmark's heap profiles (VOTES_HEAP_PROF) come from bench/heap-sampler.cjs preloaded
// into each server: a change that silently stops it writing, or writes a profile that no longer
// names who allocated, must fail here rather than when someone next profiles.

// Allocates about 40 MB in a function of its own, most of it collected at once, then either ends
// or waits to be stopped by a signal.
const PROGRAM = `
function allocateGarbage() {
  let kept = 0;
  for (let i = 0; i < 200000; i++) kept += { index: i, label: 'item ' + i, list: [i, i + 1] }.list.length;
  return kept;
}
allocateGarbage();
if (process.argv.at(-1) === 'wait') { console.log('ready'); setInterval(() => {}, 1000); }
`;

const SAMPLER = fileURLToPath(new URL('../bench/heap-sampler.cjs', import.meta.url));

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** Runs the program with the sampler, stopping it with `signal` once it is ready, if one is given. */
function run(signal?: NodeJS.Signals): Promise<{ code: number | null; profiles: string[] }> {
  const out = mkdtempSync(join(tmpdir(), 'heap-sampler-'));
  dir = out;
  const child = spawn(
    process.execPath,
    ['--require', SAMPLER, '-e', PROGRAM, '--', signal === undefined ? 'end' : 'wait'],
    { env: { ...process.env, POKERROOM_HEAP_PROF_DIR: out }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  child.stdout.on('data', (chunk: Buffer) => {
    if (signal !== undefined && chunk.toString().includes('ready')) child.kill(signal);
  });
  return new Promise((resolve) =>
    child.on('exit', (code) => resolve({ code, profiles: readdirSync(out).map((file) => join(out, file)) })),
  );
}

function shareOf(profile: string, functionName: string): number {
  const { head } = JSON.parse(readFileSync(profile, 'utf8'));
  const { total, byFunction } = allocationsByFunction(head);
  const bytes = [...byFunction].filter(([name]) => name.startsWith(`${functionName} `));
  return bytes.reduce((sum, [, size]) => sum + size, 0) / total;
}

describe('the heap sampler', () => {
  it('writes a profile when the program ends, with the garbage its function made', async () => {
    const { code, profiles } = await run();
    expect(code).toBe(0);
    expect(profiles).toHaveLength(1);
    expect(shareOf(profiles[0] as string, 'allocateGarbage')).toBeGreaterThan(0.5);
  });

  it('writes a profile on SIGTERM, and the signal still ends a program that does not handle it', async () => {
    const { code, profiles } = await run('SIGTERM');
    expect(code).toBe(143);
    expect(profiles).toHaveLength(1);
    expect(shareOf(profiles[0] as string, 'allocateGarbage')).toBeGreaterThan(0.5);
  });
});
