/**
 * The server as `npm start` runs it: the tsup bundle `server/dist/main.js`, built once per
 * benchmark or load test run, with the Node options of the `start` script. Both measure this, not
 * `server/src/main.ts` under tsx: tsx compiles with esbuild's `keepNames`, which wraps every
 * closure our code creates in a `__name` call that defines its `name` property, a cost the bundle
 * does not have (a command's decode took 2.5 µs under tsx against 1.5 µs bundled).
 *
 * `BENCH_SERVER_NODE_OPTIONS` (space-separated) adds Node options after the start script's, to
 * compare settings: the last of a repeated option wins, e.g. `--max-semi-space-size=16`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = 'server/dist/main.js';

let built = false;

/**
 * Builds the server bundle (once per process) and returns the arguments to give `node`: the start
 * script's options, then `BENCH_SERVER_NODE_OPTIONS`, then the bundle's path (relative to the
 * repository).
 */
export function builtServer(): string[] {
  if (!built) {
    execFileSync('npm', ['run', 'build', '--silent', '-w', 'server'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    built = true;
  }
  const extra = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(/\s+/).filter((option) => option !== '');
  return [...startOptions(), ...extra, BUNDLE];
}

/** The Node options of package.json's `start` script, which ends in `node <options> server/dist/main.js`. */
export function startOptions(): string[] {
  const scripts = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).scripts as Record<string, string>;
  const command = (scripts.start ?? '').split('&&').at(-1)?.trim().split(/\s+/) ?? [];
  if (command[0] !== 'node' || command.at(-1) !== BUNDLE) {
    throw new Error(`package.json's start script no longer ends in "node … ${BUNDLE}": ${scripts.start}`);
  }
  return command.slice(1, -1);
}
