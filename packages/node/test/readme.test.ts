import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as sdk from '../src/index.js';

// The README is the SDK's manual: it names every namespace of `PokerRoom` with every method, and
// every value the package exports.

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The README's "What it covers" table: namespace → the names in backticks of its row. */
function documentedNamespaces(): Record<string, string[]> {
  const rows = readme
    .slice(readme.indexOf('## What it covers'))
    .split('\n')
    .filter((line) => /^\| `\w+`/.test(line));
  return Object.fromEntries(
    rows.map((row) => {
      const [, name = '', methods = ''] = /^\| `(\w+)`\s*\|(.*)\|$/.exec(row) ?? [];
      return [name, [...methods.matchAll(/`(\w+)`/g)].map((match) => match[1] ?? '').sort()];
    }),
  );
}

describe('the README of @pokerroom/node', () => {
  it('lists every namespace of PokerRoom with its methods', () => {
    const poker = new sdk.PokerRoom({ apiKey: 'sk_test_readme' });
    const namespaces = Object.fromEntries(
      Object.entries(poker)
        .filter(([name, value]) => name !== 'api' && typeof value === 'object' && value !== null)
        .map(([name, value]) => [name, Object.keys(value as object).sort()]),
    );
    expect(Object.keys(namespaces)).toContain('users');
    const documented = documentedNamespaces();
    expect(Object.keys(documented).sort()).toEqual([...Object.keys(namespaces), 'api'].sort());
    for (const [name, methods] of Object.entries(namespaces)) {
      expect(documented[name], `the README's row of \`${name}\``).toEqual(expect.arrayContaining(methods));
    }
  });

  it('names every value the package exports', () => {
    const missing = Object.keys(sdk).filter((name) => !readme.includes(`\`${name}`));
    expect(missing).toEqual([]);
  });
});
