import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/ops/config.js';

/** Every environment variable the server reads: loadConfig given an environment that records each read. */
function variablesRead(): string[] {
  const read = new Set<string>();
  const env = new Proxy({} as NodeJS.ProcessEnv, {
    get(_target, name) {
      if (typeof name === 'string') read.add(name);
      return undefined;
    },
  });
  loadConfig(env);
  return [...read].sort();
}

/** The variables named in the first column of the README's configuration table. */
function variablesDocumented(): Set<string> {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| variable')));
  const names = table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]));
  return new Set(names.filter((name): name is string => name !== undefined));
}

describe("the README's configuration table", () => {
  it('names every environment variable the server reads', () => {
    const read = variablesRead();
    expect(read.length).toBeGreaterThan(20);
    const documented = variablesDocumented();
    expect(read.filter((name) => !documented.has(name))).toEqual([]);
  });
});
