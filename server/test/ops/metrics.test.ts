import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createMetrics, EVENT_LOOP_SAMPLE_MS } from '../../src/ops/metrics.js';

/**
 * One scrape of the registry, as /metrics answers it: the value of each metric without labels.
 * The lag metrics are all set, and their monitor reset, when the registry is read.
 */
async function scrape(metrics: ReturnType<typeof createMetrics>): Promise<Map<string, number>> {
  const text = await metrics.registry.metrics();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [name, value] = line.split(' ');
    if (name !== undefined && value !== undefined && !name.startsWith('#')) values.set(name, Number(value));
  }
  return values;
}

describe('the event loop lag metrics', () => {
  it(`sample the loop every ${EVENT_LOOP_SAMPLE_MS} ms, not every 10 ms (prom-client's default)`, async () => {
    const metrics = createMetrics();
    // Node's monitor records the time between two of its samples: never shorter than the interval
    // it was given. Each scrape resets it, so scrapes here are further apart than two samples.
    await vi.waitFor(
      async () => {
        const values = await scrape(metrics);
        expect(values.get('pokerroom_nodejs_eventloop_lag_max_seconds')).toBeGreaterThan(0);
        expect(values.get('pokerroom_nodejs_eventloop_lag_min_seconds')).toBeGreaterThanOrEqual(
          (EVENT_LOOP_SAMPLE_MS * 0.9) / 1000,
        );
      },
      { timeout: 5000, interval: EVENT_LOOP_SAMPLE_MS * 3 },
    );
  });
});

describe('pokerroom_commands_total', () => {
  const label = (type: string, outcome: string) =>
    `pokerroom_commands_total{type="${type}",outcome="${outcome}"}`;

  it('adds up every command counted, by type and outcome, however the scrapes fall between them', async () => {
    const command = fc.record({
      type: fc.constantFrom('vote.cast', 'reaction.send', 'any', 'connect'),
      outcome: fc.constantFrom('ok', 'rate_limited', 'invalid_payload'),
    });
    // Each step counts some commands, then maybe scrapes; every scrape must show the totals so far.
    const steps = fc.array(
      fc.record({ counted: fc.array(command, { maxLength: 20 }), scrape: fc.boolean() }),
      {
        minLength: 1,
        maxLength: 10,
      },
    );
    await fc.assert(
      fc.asyncProperty(steps, async (steps) => {
        const metrics = createMetrics();
        const model = new Map<string, number>();
        for (const { counted, scrape: scrapes } of [...steps, { counted: [], scrape: true }]) {
          for (const { type, outcome } of counted) {
            metrics.commands.count(type, outcome);
            model.set(label(type, outcome), (model.get(label(type, outcome)) ?? 0) + 1);
          }
          if (!scrapes) continue;
          const values = await scrape(metrics);
          const shown = [...values].filter(([name]) => name.startsWith('pokerroom_commands_total{'));
          expect(new Map(shown)).toEqual(model);
        }
      }),
      { numRuns: 50 },
    );
  });
});
