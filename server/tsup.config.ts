import { defineConfig } from 'tsup';

// The server is an application: one ESM bundle of our code (protocol included, from source),
// with npm dependencies left external. Migrations ship as SQL files next to it.
export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  dts: false,
  noExternal: ['@pokerroom/protocol'],
  esbuildOptions(options) {
    options.conditions = ['source'];
  },
  onSuccess: 'rm -rf dist/migrations && cp -r src/storage/migrations dist/migrations',
});
