import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

async function exitOf(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('the code base', () => {
  it('type-checks under the strict shared configuration', async () => {
    const { code, output } = await exitOf(process.execPath, [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.json',
      '--noEmit',
    ]);
    expect(output.trim()).toBe('');
    expect(code).toBe(0);
  }, 240_000);

  it('documents every export of the four packages (typedoc, warnings are errors)', async () => {
    const { code, output } = await exitOf(process.execPath, [
      'node_modules/typedoc/bin/typedoc',
      '--emit',
      'none',
    ]);
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
  }, 240_000);

  it('is lint-clean and formatted (Biome)', async () => {
    const { code, output } = await exitOf(process.execPath, [
      'node_modules/@biomejs/biome/bin/biome',
      'check',
      '.',
    ]);
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
  }, 120_000);
});
