/**
 * What a process allocated, by function: reads a `.heapprofile` from the votes benchmark's
 * `VOTES_HEAP_PROF=<dir>` (V8's sampling heap profiler, objects collected since included) and
 * prints the functions that allocated the most, with each one's share, then the same with the
 * callers of each (three deep).
 *
 * Usage: `npx tsx bench/heap-profile.ts <file.heapprofile> [top]`
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { argv } from 'node:process';
import { fileURLToPath } from 'node:url';

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/** Bytes allocated by each function (its own allocations), and by each function with its callers. */
export function allocationsByFunction(head: HeapNode): {
  total: number;
  byFunction: Map<string, number>;
  byStack: Map<string, number>;
} {
  const byFunction = new Map<string, number>();
  const byStack = new Map<string, number>();
  let total = 0;
  const add = (map: Map<string, number>, key: string, bytes: number) =>
    map.set(key, (map.get(key) ?? 0) + bytes);
  // Iterative: a deep profile must not exhaust this script's stack.
  const pending: { node: HeapNode; callers: string[] }[] = [{ node: head, callers: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, callers } = next;
    const name = frameName(node);
    if (node.selfSize > 0) {
      total += node.selfSize;
      add(byFunction, name, node.selfSize);
      add(byStack, [name, ...callers.slice(0, 3)].join(' < '), node.selfSize);
    }
    for (const child of node.children) pending.push({ node: child, callers: [name, ...callers] });
  }
  return { total, byFunction, byStack };
}

function frameName(node: HeapNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split('/').slice(-2).join('/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

function main(): void {
  const [file, topArg] = argv.slice(2);
  if (file === undefined) {
    console.error('usage: heap-profile.ts <file.heapprofile> [top]');
    process.exit(2);
  }
  const top = Number(topArg ?? 30);
  const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };
  const { total, byFunction, byStack } = allocationsByFunction(head);
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, bytes]) =>
          `${((bytes / total) * 100).toFixed(1).padStart(5)} %  ${(bytes / 1e6).toFixed(0).padStart(6)} MB  ${name}`,
      );
  console.log(`${(total / 1e6).toFixed(0)} MB sampled\n\nallocated by function\n`);
  console.log(rows(byFunction).join('\n'));
  console.log('\nthe same with its callers\n');
  console.log(rows(byStack).join('\n'));
}

if (argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(argv[1])) main();
