import { TokenSigner } from '../../src/identity/participant-tokens.js';
import { connectPostgres } from '../../src/storage/database.js';
import type { TestServer } from './test-server.js';

/**
 * A participant token signed with the server's own key, for claims its REST API would never mint
 * (a room that doesn't exist, a token issued an hour ago). Needs the server on PostgreSQL, where
 * the key is read from.
 */
export async function signWithServerKey(
  server: TestServer,
  claims: { roomId: string; participantId: string },
  options: { ttlSeconds?: number; issuedAt?: number } = {},
): Promise<string> {
  const url = server.config.databaseUrl;
  if (url === null) throw new Error('needs PostgreSQL');
  const sql = connectPostgres(url, { max: 1 });
  const [row] = await sql<{ value: string }[]>`
    select value from server_secrets where name = 'participant-token-signing'`;
  await sql.end();
  const signer = new TokenSigner(row?.value ?? '');
  const { token } = signer.sign(
    { ...claims, accountId: 'acct', name: 'Someone', role: 'voter' },
    options.ttlSeconds ?? 60,
    options.issuedAt ?? Date.now(),
  );
  return token;
}
