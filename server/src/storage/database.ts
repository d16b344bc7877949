import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import postgres from 'postgres';

/**
 * The postgres.js client every storage module uses, whether PostgreSQL or embedded PGlite is behind
 * it. Made by {@link connectPostgres}, so its rows arrive camelCase.
 */
export type Sql = postgres.Sql;

/**
 * What a query needs: the client or a transaction of it. Storage functions that only query take
 * this, so they run inside a caller's transaction as well as on their own.
 */
export type Queryable = postgres.ISql;

/** An open database: the client, and how to close everything behind it. */
export interface Database {
  readonly sql: Sql;
  /** `postgres` or `embedded`, for logs and `/readyz`. */
  readonly kind: 'postgres' | 'embedded';
  close(): Promise<void>;
}

/**
 * The settings of a storage client that its caller chooses: pool size, timeouts, host and port.
 * Not the transform: storage code reads rows one way only.
 */
export type ClientOptions = Omit<postgres.Options<Record<string, never>>, 'transform'>;

/**
 * Column names only: rows arrive camelCase (`room_id` → `roomId`) and the `sql(object)` helpers
 * write camelCase keys as snake_case columns. `postgres.camel` would rename the keys inside json
 * values too, which are kept exactly as the protocol and the webhooks spell them (and a key
 * ending in `_` makes that renaming throw).
 */
const CAMEL_COLUMNS = { column: { from: postgres.toCamel, to: postgres.fromCamel } };

/**
 * A postgres.js client as storage code expects it: rows with camelCase keys, and notices (`create
 * table if not exists` on a table that exists) kept out of the output. Every client handed to a
 * storage function comes from here; with `url` `null` it connects with `options` alone (host and port).
 *
 * @example
 * ```ts
 * const sql = connectPostgres('postgres://postgres@127.0.0.1:5432/pokerroom', { max: 2 });
 * const [room] = await sql<{ createdAt: Date }[]>`select created_at from rooms limit 1`;
 * ```
 */
export function connectPostgres(url: string | null, options: ClientOptions = {}): Sql {
  const settings = { onnotice: () => {}, ...options, transform: CAMEL_COLUMNS };
  return url === null ? postgres(settings) : postgres(url, settings);
}

/**
 * Opens PostgreSQL at `url`, or, without one, PGlite under `dataDir` served over its socket so
 * the same postgres.js code and SQL run with nothing installed. PGlite is single-connection:
 * the pool is one connection, which the group-commit writer suits anyway.
 */
export async function openDatabase(options: {
  url: string | null;
  dataDir: string;
  poolSize?: number;
}): Promise<Database> {
  // A command waiting on an unreachable database is answered (storage_unavailable) well within the
  // SDK's 10 s command timeout.
  const settings = { max: options.poolSize ?? 10, connect_timeout: 5, idle_timeout: 0 };
  if (options.url !== null) {
    const sql = connectPostgres(options.url, settings);
    return { sql, kind: 'postgres', close: () => sql.end({ timeout: 5 }) };
  }
  mkdirSync(options.dataDir, { recursive: true });
  // PGlite initialises its whole buffer pool inside the server's own WebAssembly memory, so the
  // 128MB default is resident from the start. A laptop's data set is small and the OS page cache
  // holds the files anyway, so 32MB (wal_buffers follows, 4MB → 1MB) costs no throughput and saves
  // memory at start (figures in docs/performance.md, "Settings chosen by measurement").
  const db = await PGlite.create(options.dataDir, {
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
  });
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1' });
  await server.start();
  // After start() the connection string carries the port the OS chose for port 0.
  const port = Number(server.getServerConn().split(':').pop());
  const sql = connectPostgres(null, {
    ...settings,
    host: '127.0.0.1',
    port,
    max: 1,
    username: 'postgres',
    database: 'postgres',
  });
  return {
    sql,
    kind: 'embedded',
    async close() {
      await sql.end({ timeout: 5 });
      await server.stop();
      await db.close();
    },
  };
}

/** Resolves when storage answers a query: what readiness checks. */
export async function pingStorage(sql: Sql): Promise<void> {
  await sql`select 1`;
}
