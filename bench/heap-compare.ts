/**
 * What the connections opened between two heap snapshots of one process hold, in bytes per
 * connection, by kind of object: the live objects of each snapshot (written after a full
 * collection) summed by V8's node type and constructor name, then differenced. Unlike RSS or
 * "heap used", which keep the high-water mark of the burst that opened the connections and the
 * code compiled meanwhile, this counts what is still referenced.
 *
 * Usage: `npx tsx bench/heap-compare.ts <before.heapsnapshot> <after.heapsnapshot> <connections> [rows]`
 * (the idle runs of `BROADCAST_HEAP_SNAPSHOTS=<dir> npm run bench -- broadcast` write both).
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

const [beforeFile, afterFile, connectionsArg, rowsArg] = process.argv.slice(2);
if (beforeFile === undefined || afterFile === undefined || connectionsArg === undefined) {
  console.error('usage: heap-compare.ts <before.heapsnapshot> <after.heapsnapshot> <connections> [rows]');
  process.exit(2);
}
const connections = Number(connectionsArg);

/** Live bytes by kind: `type` for strings, code and V8's internals; `type:constructor` for objects. */
function bytesByKind(file: string): Map<string, number> {
  const heap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const kinds = new Map<string, number>();
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const type = types[heap.nodes[i + (typeAt ?? 0)] ?? 0] ?? '?';
    const named = type === 'object' || type === 'closure' || type === 'native';
    const kind = named ? `${type}:${heap.strings[heap.nodes[i + (nameAt ?? 0)] ?? 0]}` : type;
    kinds.set(kind, (kinds.get(kind) ?? 0) + (heap.nodes[i + (sizeAt ?? 0)] ?? 0));
  }
  return kinds;
}

const before = bytesByKind(beforeFile);
const after = bytesByKind(afterFile);
const rows = [...new Set([...before.keys(), ...after.keys()])]
  .map((kind) => ({ kind, bytes: ((after.get(kind) ?? 0) - (before.get(kind) ?? 0)) / connections }))
  .sort((a, b) => Math.abs(b.bytes) - Math.abs(a.bytes));
const total = rows.reduce((sum, row) => sum + row.bytes, 0);
console.log(`live JS heap per connection: ${(total / 1024).toFixed(2)} KB (${connections} connections)\n`);
console.log('| kind | bytes per connection |\n| ---- | -------------------: |');
for (const row of rows.slice(0, Number(rowsArg ?? 15)))
  console.log(`| ${row.kind} | ${row.bytes.toFixed(0)} |`);
