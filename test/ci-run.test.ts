import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from './browser/support/browser.js';

// `.ci/run` on a machine that lacks what it sets up by itself stops at once with one line naming
// what is missing. Each case runs it with a PATH of its own, so it stops before touching anything.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A PATH holding only the coreutils the script's first lines need, and the given stub commands. */
function machine(stubs: Record<string, string> = {}): string {
  const bin = mkdtempSync(join(tmpdir(), 'pokerroom-ci-path-'));
  dirs.push(bin);
  for (const tool of ['dirname', 'ls', 'head', 'seq', 'sleep', 'mkdir'])
    symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
  for (const [name, body] of Object.entries(stubs)) {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

function ciRun(path: string, env: Record<string, string> = {}) {
  const result = spawnSync('/bin/bash', [join(ROOT, '.ci', 'run')], {
    env: { PATH: path, HOME: tmpdir(), ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, errors: result.stderr.trim().split('\n') };
}

describe('.ci/run on a machine without its tools', () => {
  it('names the missing PostgreSQL client', () => {
    const { code, errors } = ciRun(machine());
    expect(code).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/^ci: pg_isready is missing: .*TEST_POSTGRES_URL/)]);
  });

  it('names pg_ctlcluster when PostgreSQL is down and it cannot start it', () => {
    const { code, errors } = ciRun(machine({ pg_isready: 'exit 2' }));
    expect(code).toBe(1);
    expect(errors).toEqual([
      expect.stringMatching(
        /^ci: PostgreSQL is not running on 127\.0\.0\.1:5432 and pg_ctlcluster is not here/,
      ),
    ]);
  });

  it('names Redis when redis-server is not on PATH (TEST_POSTGRES_URL skips PostgreSQL)', () => {
    const { code, errors } = ciRun(machine(), { TEST_POSTGRES_URL: 'postgres://elsewhere/postgres' });
    expect(code).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/^ci: redis-server and redis-cli must be on PATH/)]);
  });

  it('names apt-get when a package is missing and cannot be installed', () => {
    const stubs = { 'redis-server': 'exit 0', 'redis-cli': 'echo PONG', dpkg: 'exit 1' };
    const { code, errors } = ciRun(machine(stubs), { TEST_POSTGRES_URL: 'postgres://elsewhere/postgres' });
    expect(code).toBe(1);
    expect(errors).toEqual([
      expect.stringMatching(/^ci: apt-get is not here to install fonts-noto-color-emoji: /),
    ]);
  });

  it('refuses a CHROMIUM_PATH that is not an executable', () => {
    const { code, errors } = ciRun(machine({ 'redis-server': 'exit 0', 'redis-cli': 'echo PONG' }), {
      TEST_POSTGRES_URL: 'postgres://elsewhere/postgres',
      CHROMIUM_PATH: '/nonexistent/chromium',
    });
    expect(code).toBe(1);
    expect(errors).toEqual(['ci: CHROMIUM_PATH=/nonexistent/chromium is not an executable']);
  });

  it('refuses a STRIPE_MOCK_PATH that is not an executable', () => {
    const stubs = {
      'redis-server': 'exit 0',
      'redis-cli': 'echo PONG',
      dpkg: 'exit 0',
      chromium: 'echo Chromium',
    };
    const bin = machine(stubs);
    const { code, errors } = ciRun(bin, {
      TEST_POSTGRES_URL: 'postgres://elsewhere/postgres',
      CHROMIUM_PATH: join(bin, 'chromium'),
      STRIPE_MOCK_PATH: '/nonexistent/stripe-mock',
    });
    expect(code).toBe(1);
    expect(errors).toEqual(['ci: STRIPE_MOCK_PATH=/nonexistent/stripe-mock is not an executable']);
  });
});

describe('.ci/run on a machine with its tools', () => {
  it('runs the load test smoke before the tests; a failed smoke fails the run, which still ends with the count', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'pokerroom-ci-log-')), 'npm.log');
    dirs.push(dirname(log));
    const stubs = {
      'redis-server': 'exit 0',
      'redis-cli': 'echo PONG',
      dpkg: 'exit 0',
      chromium: 'echo Chromium 1',
      'stripe-mock': 'echo stripe-mock 0.197.0',
      // The count comes from the test runner's report; here, a fixed one stands for it.
      node: '[ "$1" = -e ] && echo "3 passed, 0 failed"; exit 0',
      // The load generator's install is due (and its stamp is not written into the real tree).
      cmp: 'exit 1',
      cp: 'exit 0',
      npm: `echo "npm $*" >> ${log}
case "$*" in
  "publish --dry-run"*) echo "npm notice name: stub"; echo "npm notice version: 0.0.0"; echo "npm notice total files: 1" ;;
  "run loadtest:smoke") echo "loadtest: smoke FAILED: pokerroom.errors == 0 missed"; exit 1 ;;
  *) exit 0 ;;
esac`,
    };
    const bin = machine(stubs);
    for (const tool of ['grep', 'sed', 'paste', 'tail', 'rm', 'mktemp'])
      symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
    const result = spawnSync('/bin/bash', [join(ROOT, '.ci', 'run')], {
      env: {
        PATH: bin,
        HOME: tmpdir(),
        TEST_POSTGRES_URL: 'postgres://elsewhere/postgres',
        CHROMIUM_PATH: join(bin, 'chromium'),
        STRIPE_MOCK_PATH: join(bin, 'stripe-mock'),
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).toBe('');
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    const smoke = calls.indexOf('npm run loadtest:smoke');
    expect(smoke).toBeGreaterThan(
      calls.indexOf('npm ci --prefix loadtest --ignore-scripts --no-audit --no-fund'),
    );
    expect(calls.indexOf('npm ci --prefix loadtest --ignore-scripts --no-audit --no-fund')).toBeGreaterThan(
      -1,
    );
    expect(calls.slice(smoke + 1)).toEqual(['npm test']);
    expect(result.stdout).toContain('loadtest: smoke FAILED');
    expect(result.stdout.trim().split('\n').at(-1)).toBe('3 passed, 0 failed');
    expect(result.status).toBe(1);
  });
});
