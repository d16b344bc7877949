import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's embedded database template (`global-setup.ts`), absent outside that setup. */
    embeddedTemplate?: string;
  }
}

/**
 * A new temporary data directory for an embedded server or database: a copy of the run's
 * template when there is one, so that its first start skips initdb, and empty otherwise. Tests of
 * a first start itself, in an empty directory, make theirs with `mkdtempSync`.
 */
export function embeddedDataDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const template = inject('embeddedTemplate');
  if (template !== undefined) cpSync(template, dir, { recursive: true });
  return dir;
}
