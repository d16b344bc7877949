import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

interface Reflection {
  readonly name: string;
  readonly kind: number;
  readonly inheritedFrom?: unknown;
  readonly overwrites?: unknown;
  readonly children?: readonly Reflection[];
}

/** A class of that name in typedoc's JSON output. */
function findReflection(node: Reflection, name: string): Reflection | undefined {
  const CLASS = 128;
  if (node.name === name && node.kind === CLASS) return node;
  for (const child of node.children ?? []) {
    const found = findReflection(child, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Members of Lit's `ReactiveElement`/`LitElement` that an element may override. */
const LIT_LIFECYCLE = [
  'connectedCallback',
  'disconnectedCallback',
  'attributeChangedCallback',
  'createRenderRoot',
  'render',
  'shouldUpdate',
  'willUpdate',
  'update',
  'updated',
  'firstUpdated',
  'performUpdate',
  'scheduleUpdate',
  'requestUpdate',
  'getUpdateComplete',
  'updateComplete',
  'renderRoot',
  'renderOptions',
  'hasUpdated',
  'isUpdatePending',
  'addController',
  'removeController',
];

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
    const out = mkdtempSync(join(tmpdir(), 'pokerroom-typedoc-'));
    try {
      const { code, output } = await exitOf(process.execPath, [
        'node_modules/typedoc/bin/typedoc',
        '--out',
        join(out, 'html'),
        '--json',
        join(out, 'api.json'),
      ]);
      expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
      // The element's page documents the element: none of Lit's lifecycle, which lit.dev documents.
      const element = findReflection(
        JSON.parse(readFileSync(join(out, 'api.json'), 'utf8')),
        'PokerRoomElement',
      );
      const members = element?.children ?? [];
      expect(members.length).toBeGreaterThan(5);
      expect(members.filter((member) => member.inheritedFrom !== undefined).map((m) => m.name)).toEqual([]);
      expect(members.filter((member) => LIT_LIFECYCLE.includes(member.name)).map((m) => m.name)).toEqual([]);
      // What it overrides of Lit's is its own: its styles.
      expect(members.filter((member) => member.overwrites !== undefined).map((m) => m.name)).toEqual([
        'styles',
      ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
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
