/**
 * The server as `npm start` runs it: the tsup bundle `server/dist/main.js`, built once per
 * benchmark or load test run. Both measure this, not `server/src/main.ts` under tsx: tsx
 * compiles with esbuild's `keepNames`, which wraps every closure our code creates in a `__name`
 * call that defines its `name` property, a cost the bundle does not have (a command's decode took 2.5 µs
 * under tsx against 1.5 µs bundled).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

let built = false;

/** Builds the server bundle (once per process) and returns its path, relative to the repository. */
export function builtServer(): string {
  if (!built) {
    execFileSync('npm', ['run', 'build', '--silent', '-w', 'server'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    built = true;
  }
  return 'server/dist/main.js';
}
