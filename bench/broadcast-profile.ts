/**
 * Where a server's CPU time went during one phase of the broadcast benchmark: reads a V8
 * `.cpuprofile` (from `BROADCAST_CPU_PROF=<dir> npm run bench -- broadcast`) and prints the
 * functions with the most self time between two monotonic timestamps (µs, as the benchmark
 * prints them), and the same grouped by file.
 *
 * Usage: `npx tsx bench/broadcast-profile.ts <file.cpuprofile> [fromMicros toMicros] [top]`
 */
import { readFileSync } from 'node:fs';
import { argv } from 'node:process';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, fromArg, toArg, topArg] = argv.slice(2);
if (file === undefined) {
  console.error('usage: broadcast-profile.ts <file.cpuprofile> [fromMicros toMicros] [top]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const from = fromArg === undefined ? Number.NEGATIVE_INFINITY : Number(fromArg);
const to = toArg === undefined ? Number.POSITIVE_INFINITY : Number(toArg);
const top = Number(topArg ?? 25);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const self = new Map<number, number>();
let at = profile.startTime;
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const delta = profile.timeDeltas[i] ?? 0;
  at += delta;
  if (at < from || at > to) continue;
  const id = profile.samples[i] as number;
  self.set(id, (self.get(id) ?? 0) + delta);
  total += delta;
}

const short = (url: string) => url.replace(/^file:\/\/.*?\/(node_modules|server|packages|bench)\//, '$1/');
const where = (node: Node) =>
  `${node.callFrame.functionName || '(anonymous)'} ${short(node.callFrame.url)}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`;

const functions = new Map<string, number>();
const files = new Map<string, number>();
for (const [id, micros] of self) {
  const node = byId.get(id);
  if (node === undefined) continue;
  functions.set(where(node), (functions.get(where(node)) ?? 0) + micros);
  const key =
    node.callFrame.url === '' ? `(${node.callFrame.functionName || 'native'})` : short(node.callFrame.url);
  files.set(key, (files.get(key) ?? 0) + micros);
}
const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}\n`);
  for (const [name, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((100 * micros) / Math.max(1, total)).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${name}`,
    );
  }
};
console.log(`${(total / 1000).toFixed(0)} ms of samples in the window`);
print('self time by function', functions);
print('self time by file', files);

// Total (self + callees) time of the server's own functions and of the storage libraries' entry points.
const inclusive = new Map<string, number>();
for (const [id, micros] of self) {
  const seen = new Set<string>();
  for (let node = byId.get(id); node !== undefined; node = byId.get(parentOf.get(node.id) ?? -1)) {
    if (!/server\/(src|dist)|packages\/protocol/.test(node.callFrame.url)) continue;
    const name = where(node);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
  }
}
print('total time (self + callees) of server functions', inclusive);
