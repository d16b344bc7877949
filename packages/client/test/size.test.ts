import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** The ESM entry bundled for a browser, minified, and its gzip size in bytes. */
async function bundle(
  external: string[] = [],
): Promise<{ min: number; gzip: number; code: string; inputs: string[] }> {
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
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('no output');
  return {
    min: output.contents.byteLength,
    gzip: gzipSync(output.contents, { level: 9 }).byteLength,
    code: output.text,
    // The modules that put bytes in the output: esbuild also lists modules it parsed and dropped.
    inputs: Object.values(result.metafile.outputs).flatMap((out) =>
      Object.entries(out.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    ),
  };
}

describe('bundle size (browser, minified, gzip)', () => {
  it('stays inside its budget, codec and validator included', async () => {
    const full = await bundle();
    // Measured 26.9 kB (26,942 bytes): msgpackr ~11.8 KB, the SDK ~6 KB, the generated
    // validators ~4 KB, error codes and the rest of the protocol ~3 KB, and the plain-MessagePack
    // scan that refuses extension types before msgpackr reads a frame. The budget grew from 25 to
    // 26 KB with that scan, safe text in every command and the billing error codes, and to 26.5 KB
    // with protocol v2 (both versions' wire forms and public folds, the SDK speaking either). See README.
    expect(full.gzip).toBeLessThan(26.5 * 1024);
    expect(full.code).not.toMatch(/require\(["']node:|from["']node:/);
  });

  // Regression: the codec compiled TypeBox schemas at load time, which put TypeBox (~29 KB gzip)
  // in the bundle and needed `new Function`, refused by pages whose CSP forbids 'unsafe-eval'.
  it('leaves TypeBox and the TypeBox schemas out: validators are generated ahead of time', async () => {
    const { inputs } = await bundle();
    expect(
      inputs.filter((input) =>
        /@sinclair\/typebox|protocol\/src\/(model|commands|events|decks)\.ts$/.test(input),
      ),
    ).toEqual([]);
  });

  it("keeps the SDK's own code small (protocol external)", async () => {
    const own = await bundle(['@pokerroom/protocol']);
    expect(own.gzip).toBeLessThan(8 * 1024);
  });

  it('is the size the docs give, in every place they give it', async () => {
    const { gzip } = await bundle();
    const documented = {
      readme: /`@pokerroom\/client`[^\n]*\|\s*([\d.]+) kB\s*\|/.exec(read('../../../README.md'))?.[1],
      guide: /([\d.]+) kB min\+gzip for the whole entry/.exec(read('../../../docs/client.md'))?.[1],
      package: /the whole ESM entry[^\n]*\*\*([\d.]+) kB\*\*/.exec(read('../README.md'))?.[1],
    };
    const figure = documented.readme;
    expect(documented).toEqual({ readme: figure, guide: figure, package: figure });
    // Within half a kB (of 1,000 bytes): the docs needn't follow every byte, but no drift.
    expect(Math.abs(Number(figure) * 1000 - gzip), `measured ${gzip} bytes`).toBeLessThanOrEqual(500);
  });
});
