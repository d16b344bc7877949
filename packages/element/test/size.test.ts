import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The browser bundle (`dist/poker-room.js`, served at `/element.js`), built from the sources as
// tsup builds it: one minified module with lit, the SDK and the protocol inside.

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

async function bundle(): Promise<{ gzip: number; inputs: string[] }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source', 'browser'],
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('no output');
  return {
    gzip: gzipSync(output.contents, { level: 9 }).byteLength,
    inputs: Object.values(result.metafile.outputs).flatMap((out) =>
      Object.entries(out.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    ),
  };
}

describe('the browser bundle (minified, gzip)', () => {
  // Regression: listing the deck kinds imported the protocol's deck schemas, and with them TypeBox
  // (about 12 kB gzip of a bundle that validates with generated code and never builds a schema).
  it('leaves TypeBox and the TypeBox schemas out', async () => {
    const { inputs } = await bundle();
    expect(
      inputs.filter((input) =>
        /@sinclair\/typebox|protocol\/src\/(model|commands|events|decks)\.ts$/.test(input),
      ),
    ).toEqual([]);
  });

  it('stays inside its budget, and is the size the docs give', async () => {
    const { gzip } = await bundle();
    expect(gzip).toBeLessThan(60_000);
    const documented = {
      readme: /`@pokerroom\/element` as one browser module[^\n]*\|\s*([\d.]+) kB\s*\|/.exec(
        read('../../../README.md'),
      )?.[1],
      package: /\*\*([\d.]+) kB min\+gzip\*\*/.exec(read('../README.md'))?.[1],
    };
    const figure = documented.readme;
    expect(documented).toEqual({ readme: figure, package: figure });
    expect(Math.abs(Number(figure) * 1000 - gzip), `measured ${gzip} bytes`).toBeLessThanOrEqual(500);
  });
});
