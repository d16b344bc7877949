import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from './database.js';

/** Where the SQL migrations are: `migrations/` beside this module in the sources and beside the bundle. */
export function migrationsDir(): string {
  return join(new URL('.', import.meta.url).pathname, 'migrations');
}

/**
 * Applies every migration not applied yet, in file-name order, in one transaction under an
 * advisory lock: two processes starting at once apply each migration exactly once.
 *
 * @returns the versions applied by this call.
 */
export async function migrate(sql: Sql, dir = migrationsDir()): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const scripts = await Promise.all(
    files.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })),
  );
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(727311)`;
    await tx`create table if not exists schema_migrations (
      version text primary key,
      applied_at timestamptz not null default now()
    )`;
    const done = new Set(
      (await tx<{ version: string }[]>`select version from schema_migrations`).map((r) => r.version),
    );
    const applied: string[] = [];
    for (const { name, text } of scripts) {
      if (done.has(name)) continue;
      await tx.unsafe(text);
      await tx`insert into schema_migrations (version) values (${name})`;
      applied.push(name);
    }
    return applied;
  });
}
