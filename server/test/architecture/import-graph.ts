import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One import statement of a source file: what it names, and whether only types come through it. */
export interface ImportEdge {
  readonly from: string;
  /** The imported file, relative to the source root, or the package name for a bare specifier. */
  readonly to: string;
  readonly typeOnly: boolean;
  readonly relative: boolean;
}

const IMPORT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^;]*?\sfrom\s+)?'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** Every `.ts` file under `root`, relative to it, in a stable order. */
export function sourceFiles(root: string, dir = root): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(root, path));
    else if (entry.name.endsWith('.ts')) files.push(relative(root, path));
  }
  return files.sort();
}

/** The import and re-export statements (and dynamic imports) of one source, read from its text. */
export function importsOf(file: string, text: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[3] ?? match[4];
    if (specifier === undefined) continue;
    const isRelative = specifier.startsWith('.');
    const to = isRelative ? join(dirname(file), specifier).replace(/\.js$/, '.ts') : specifier;
    edges.push({ from: file, to, typeOnly: match[2] !== undefined, relative: isRelative });
  }
  return edges;
}

/** Every import of every source under `root`. */
export function importGraph(root: string): ImportEdge[] {
  const absolute = resolve(root);
  return sourceFiles(absolute).flatMap((file) => importsOf(file, readFileSync(join(absolute, file), 'utf8')));
}

/** The context of a source: its top folder, or `root` for the files beside them (the composition root). */
export function contextOf(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? 'root' : file.slice(0, slash);
}

/** One circle of imports between files (its first file repeated at the end), or `null` if there is none. */
export function findCycle(edges: readonly Pick<ImportEdge, 'from' | 'to'>[]): string[] | null {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done') return null;
    if (state.get(file) === 'open') return [...path.slice(path.indexOf(file)), file];
    state.set(file, 'open');
    path.push(file);
    for (const to of next.get(file) ?? []) {
      const cycle = visit(to);
      if (cycle !== null) return cycle;
    }
    path.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of next.keys()) {
    const cycle = visit(file);
    if (cycle !== null) return cycle;
  }
  return null;
}
