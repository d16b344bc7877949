import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAccount } from './accounts.js';
import { createApiKey, ensureBootstrapKey } from './api-keys.js';
import type { Sql } from './database.js';

/**
 * Makes the configured bootstrap key exist and returns `null`, or, with none, makes a secret key
 * for local development and returns it. With the embedded database it is kept in the data
 * directory, so that every `npm start` prints the same working key.
 */
export async function provisionKey(
  sql: Sql,
  options: { bootstrapKey: string | null; dataDir: string; kind: 'postgres' | 'embedded' },
): Promise<string | null> {
  if (options.bootstrapKey !== null) {
    await ensureBootstrapKey(sql, options.bootstrapKey);
    return null;
  }
  const file = join(options.dataDir, 'dev-secret-key');
  if (options.kind === 'embedded' && existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    await ensureBootstrapKey(sql, saved);
    return saved;
  }
  const accountId = await createAccount(sql, 'Development account');
  const { secret } = await createApiKey(sql, accountId, { mode: 'test' });
  if (options.kind === 'embedded') writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
