import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

/** The ESM entry bundled for a browser, minified, and its gzip size in bytes. */
async function bundle(external: string[] = []): Promise<{ min: number; gzip: number; code: string }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    external,
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('no output');
  return {
    min: output.contents.byteLength,
    gzip: gzipSync(output.contents, { level: 9 }).byteLength,
    code: output.text,
  };
}

describe('bundle size (browser, minified, gzip)', () => {
  it('stays inside its budget, codec and validator included', async () => {
    const full = await bundle();
    // Measured 51.4 KB: TypeBox's compiler, value and error modules (~29 KB gzip) and msgpackr
    // (~12 KB) dominate; the protocol's schemas add ~5 KB and the SDK itself ~6 KB. See README.
    expect(full.gzip).toBeLessThan(56 * 1024);
    expect(full.code).not.toMatch(/require\(["']node:|from["']node:/);
  });

  it("keeps the SDK's own code small (protocol external)", async () => {
    const own = await bundle(['@pokerroom/protocol']);
    expect(own.gzip).toBeLessThan(8 * 1024);
  });
});
