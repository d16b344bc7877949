import type { TemplatedApp } from 'uWebSockets.js';
import type { Metrics } from '../ops/metrics.js';
import type { Sql } from '../storage/database.js';
import { reply } from './http.js';

/** `/healthz` (the process answers: cheap, no I/O), `/readyz` (storage answers too) and `/metrics`. */
export function mountOpsRoutes(deps: {
  app: TemplatedApp;
  sql: Sql;
  metrics: Metrics;
  isDraining: () => boolean;
}): void {
  deps.app.get('/healthz', (res) => reply(res).json(200, { status: 'ok' }));
  deps.app.get('/readyz', (res) => {
    const out = reply(res);
    if (deps.isDraining()) return out.json(503, { status: 'draining', checks: { storage: 'skipped' } });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), 2000).unref(),
    );
    Promise.race([deps.sql`select 1`, timeout]).then(
      () => out.json(200, { status: 'ready', checks: { storage: 'up' } }),
      () => out.json(503, { status: 'unavailable', checks: { storage: 'down' } }),
    );
  });
  deps.app.get('/metrics', (res) => {
    const out = reply(res);
    deps.metrics.registry.metrics().then(
      (text) => out.text(200, text, deps.metrics.registry.contentType),
      () => out.text(500, 'metrics unavailable\n', 'text/plain'),
    );
  });
}
