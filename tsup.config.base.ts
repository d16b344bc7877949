import type { Options } from 'tsup';

/** Shared build settings: every package ships ESM with types; libraries that Node integrations use add CJS. */
export function libraryBuild(options: { cjs: boolean; entry?: string[] }): Options {
  return {
    entry: options.entry ?? ['src/index.ts'],
    format: options.cjs ? ['esm', 'cjs'] : ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    treeshake: true,
  };
}
