import type { TemplatedApp } from 'uWebSockets.js';
import { reply } from '../http/request-reply.js';
import type { Metrics } from '../ops/metrics.js';
import { pingStorage, type Sql } from '../storage/database.js';

/**
 * `/healthz` (the process answers: cheap, no I/O), `/readyz` (storage answers, and the bus between
 * nodes is up when there is one) and `/metrics`.
 */
export function mountOpsRoutes(deps: {
  app: TemplatedApp;
  sql: Sql;
  metrics: Metrics;
  isDraining: () => boolean;
  busStatus: () => 'up' | 'down' | 'none';
}): void {
  deps.app.get('/healthz', (res) => reply(res).json(200, { status: 'ok' }));
  deps.app.get('/readyz', (res) => {
    const out = reply(res);
    if (deps.isDraining()) return out.json(503, { status: 'draining', checks: { storage: 'skipped' } });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), 2000).unref(),
    );
    const bus = deps.busStatus();
    Promise.race([pingStorage(deps.sql), timeout])
      .then(
        () => 'up',
        () => 'down',
      )
      .then((storage) => {
        const ready = storage === 'up' && bus !== 'down';
        out.json(ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', checks: { storage, bus } });
      });
  });
  deps.app.get('/metrics', (res) => {
    const out = reply(res);
    deps.metrics.registry.metrics().then(
      (text) => out.text(200, text, deps.metrics.registry.contentType),
      () => out.text(500, 'metrics unavailable\n', 'text/plain'),
    );
  });
}
