import type { Sql } from './database.js';

/** Advisory lock keys of the jobs that run on one node of a cluster at a time. */
export const CLUSTER_LOCKS = { usageReporter: 727_401, reconciliation: 727_402 } as const;

/**
 * Runs `job` on one node of the cluster at a time: under a PostgreSQL session advisory lock held
 * on a reserved connection for the job's duration. If another node holds the lock, the job is
 * skipped (`null`). A node that dies releases the lock with its connection, so no job is orphaned.
 *
 * Embedded PGlite has one connection, which a reservation would take from everything else; there
 * is only ever one node on it, so a lock in this process is the whole cluster's lock.
 */
export function clusterLock(sql: Sql, kind: 'postgres' | 'embedded') {
  const local = new Set<number>();
  return async function withLock<T>(key: number, job: () => Promise<T>): Promise<T | null> {
    if (local.has(key)) return null;
    local.add(key);
    try {
      if (kind === 'embedded') return await job();
      const connection = await sql.reserve();
      try {
        const [row] = await connection<{ locked: boolean }[]>`select pg_try_advisory_lock(${key}) as locked`;
        if (row?.locked !== true) return null;
        try {
          return await job();
        } finally {
          await connection`select pg_advisory_unlock(${key})`;
        }
      } finally {
        connection.release();
      }
    } finally {
      local.delete(key);
    }
  };
}

/** Runs a job under a cluster lock; see {@link clusterLock}. */
export type WithClusterLock = ReturnType<typeof clusterLock>;
