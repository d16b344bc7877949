import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextOf, findCycle, importGraph, importsOf, sourceFiles } from './import-graph.js';

const SOURCE = join(import.meta.dirname, '../../src');

/**
 * Which contexts each context of `server/src` may import, bottom up. Arrows point down this
 * table only, toward `rooms` (the pure domain) and `@pokerroom/protocol`: a context never imports
 * one listed after it. `root` is the composition root (`app.ts`, `main.ts`), which wires them all.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  rooms: [],
  ops: [],
  identity: [],
  'rate-limits': [],
  http: [],
  webhooks: ['ops'],
  storage: ['rooms', 'ops', 'identity', 'webhooks'],
  bus: ['storage', 'ops'],
  realtime: ['rooms', 'storage', 'bus', 'identity', 'http', 'rate-limits', 'ops'],
  billing: ['storage', 'identity', 'ops'],
  api: ['realtime', 'billing', 'storage', 'webhooks', 'rooms', 'identity', 'http', 'rate-limits', 'ops'],
  demo: ['realtime', 'storage', 'rooms', 'identity', 'http', 'ops'],
  root: ['api', 'demo', 'billing', 'realtime', 'bus', 'storage', 'webhooks', 'identity', 'http', 'ops'],
};

/** Packages the pure domain may use: the protocol's types and codes, nothing with I/O. */
const PURE_PACKAGES = ['@pokerroom/protocol'];

const edges = importGraph(SOURCE);
const crossContext = edges.filter((edge) => edge.relative && contextOf(edge.from) !== contextOf(edge.to));

describe('the server import graph', () => {
  it('has no circle between files', () => {
    expect(findCycle(edges.filter((edge) => edge.relative))).toBeNull();
  });

  it('points every arrow between contexts down the table', () => {
    const wrong = crossContext
      .filter((edge) => !(ALLOWED[contextOf(edge.from)] ?? []).includes(contextOf(edge.to)))
      .map((edge) => `${edge.from} → ${edge.to}`);
    expect(wrong).toEqual([]);
  });

  it('names every context in the table, and the table itself has no circle', () => {
    const contexts = new Set(sourceFiles(SOURCE).map(contextOf));
    expect([...contexts].sort()).toEqual(Object.keys(ALLOWED).sort());
    const tableEdges = Object.entries(ALLOWED).flatMap(([from, tos]) => tos.map((to) => ({ from, to })));
    expect(findCycle(tableEdges)).toBeNull();
  });

  it('keeps the domain pure: rooms imports only itself and the protocol', () => {
    const outside = edges
      .filter((edge) => contextOf(edge.from) === 'rooms')
      .filter((edge) => (edge.relative ? contextOf(edge.to) !== 'rooms' : !PURE_PACKAGES.includes(edge.to)))
      .map((edge) => `${edge.from} → ${edge.to}`);
    expect(outside).toEqual([]);
  });

  it('keeps SQL in storage: no tagged query outside it', () => {
    const query = /\b(sql|tx)`/;
    const outside = sourceFiles(SOURCE).filter(
      (file) => contextOf(file) !== 'storage' && query.test(readFileSync(join(SOURCE, file), 'utf8')),
    );
    expect(outside).toEqual([]);
  });
});

describe('the import-graph reader', () => {
  it('reads value, type, re-export and dynamic imports, resolving .js to the .ts source', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../storage/b.js';",
      "export { c } from './c.js';",
      'import {',
      '  d,',
      "} from '@pokerroom/protocol';",
      "const e = await import('./e.js');",
    ].join('\n');
    expect(importsOf('realtime/x.ts', text)).toEqual([
      { from: 'realtime/x.ts', to: 'realtime/a.ts', typeOnly: false, relative: true },
      { from: 'realtime/x.ts', to: 'storage/b.ts', typeOnly: true, relative: true },
      { from: 'realtime/x.ts', to: 'realtime/c.ts', typeOnly: false, relative: true },
      { from: 'realtime/x.ts', to: '@pokerroom/protocol', typeOnly: false, relative: false },
      { from: 'realtime/x.ts', to: 'realtime/e.ts', typeOnly: false, relative: true },
    ]);
  });

  it('finds a circle, and none in a chain', () => {
    const chain = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
    ];
    expect(findCycle(chain)).toBeNull();
    expect(findCycle([...chain, { from: 'c', to: 'a' }])).toEqual(['a', 'b', 'c', 'a']);
  });
});
