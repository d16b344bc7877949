import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the packages' sources, so a test never depends on a stale build.
export default defineConfig({
  resolve: {
    alias: {
      '@pokerroom/protocol': source('./packages/protocol/src/index.ts'),
      '@pokerroom/client': source('./packages/client/src/index.ts'),
      '@pokerroom/node': source('./packages/node/src/index.ts'),
    },
  },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'server/test/**/*.test.ts',
      'test/**/*.test.ts',
      'examples/**/*.test.ts',
    ],
    // Once per run: the embedded database template the tests' data directories are copied from.
    globalSetup: ['server/test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
