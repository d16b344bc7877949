import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.config.base.js';

// Two builds: the library (lit and the SDK stay dependencies, for bundlers), and one
// self-contained browser module, `dist/poker-room.js`, for a plain <script type="module">.
// `npm start` needs only the second (the demo serves it): BUNDLE_ONLY=1 skips the slow type build.
const bundle = {
  entry: { 'poker-room': 'src/index.ts' },
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  clean: false,
  dts: false,
  treeshake: true,
  noExternal: [/.*/],
  esbuildOptions(options: { conditions?: string[]; legalComments?: string }) {
    options.conditions = ['source', 'browser'];
    options.legalComments = 'none';
  },
} as const;

export default defineConfig(
  process.env.BUNDLE_ONLY === '1'
    ? [bundle]
    : // Neither build cleans: they run side by side in one output folder.
      [{ ...libraryBuild({ cjs: false }), clean: false }, bundle],
);
