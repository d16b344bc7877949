import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startOptions } from '../bench/built-server.js';
import { ROOT } from './browser/support/browser.js';

// The README against what it describes: its Docs list, `npm start`, and what `npm test` needs.

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = (title: string) => {
  const start = readme.indexOf(`\n## ${title}\n`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
};

/** Every file under a folder, skipping dependencies and build output. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (['node_modules', 'dist', '.data', 'reports', 'api'].includes(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the README', () => {
  it("lists the newcomer's guides in its Docs, each once, and every link there leads to a file", () => {
    const links = [...section('Docs').matchAll(/\]\(([^)#]+)[^)]*\)/g)].map((match) => match[1] ?? '');
    for (const guide of ['docs/element.md', 'docs/client.md', 'docs/rest-api.md', 'docs/webhooks.md']) {
      expect(
        links.filter((link) => link === guide),
        guide,
      ).toHaveLength(1);
    }
    expect(links.filter((link) => !existsSync(join(ROOT, link)))).toEqual([]);
  });

  it('says what `npm start` builds, as the scripts do', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toMatch(/^npm run build:app\b/);
    expect(scripts['build:app']).toBe('npm run build -w server && npm run build:bundle -w packages/element');
    expect(section('Quick start')).toContain("This builds the server and the element's browser bundle");
  });

  it('names every Node option `npm start` runs the server with, for those who run the bundle themselves', () => {
    const options = startOptions();
    expect(options).toContain('--max-semi-space-size=64');
    for (const option of options) expect(section('Configuration'), option).toContain(`\`${option}\``);
  });

  it('names what `npm test` needs from the machine, and every override the tests read', () => {
    const tests = section('Tests');
    for (const need of [
      '`127.0.0.1:5432`',
      'lets `postgres` in without a password',
      '`redis-server` and `redis-cli` on `PATH`',
      'Chromium at `/usr/bin/chromium`',
      '`stripe-mock`',
    ]) {
      expect(tests, need).toContain(need);
    }
    const read = new Set<string>();
    for (const file of ['server/test', 'test', 'packages', 'examples'].flatMap((dir) =>
      filesUnder(join(ROOT, dir)),
    )) {
      if (!/\.test\.ts$|[/\\]support[/\\].*\.ts$|[/\\]test[/\\].*\.ts$/.test(relative(ROOT, file))) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(/process\.env\.([A-Z_]+)/g)) {
        const name = match[1] ?? '';
        if (/^(TEST_|CHROMIUM_|STRIPE_MOCK_)/.test(name)) read.add(name);
      }
    }
    expect([...read].sort()).toEqual([
      'CHROMIUM_PATH',
      'STRIPE_MOCK_PATH',
      'TEST_POSTGRES_URL',
      'TEST_REDIS_URL',
    ]);
    for (const name of read) expect(tests, name).toContain(`\`${name}`);
  });
});
