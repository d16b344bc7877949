/**
 * The load generator: Artillery (MPL-2.0), installed apart from the workspace in
 * `loadtest/node_modules` (`npm ci --prefix loadtest --ignore-scripts`: its tree is large, and the
 * scripts skipped are only its browser engine's download, which this test does not use).
 *
 * The runner bundles the processor (`artillery/participants.ts`, with `@pokerroom/protocol`) into
 * one CommonJS file, writes the Artillery script for the plan (one virtual user per participant on
 * the WebSocket engine, custom metrics checked by `ensure`), and reads back Artillery's JSON report
 * and the `ensure` verdicts it prints.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Plan } from './setup.js';

export const INSTALL = 'npm ci --prefix loadtest --ignore-scripts --no-audit --no-fund';

/**
 * How to start Artillery's CLI with Node (its PostHog client stubbed out: see
 * `artillery/no-telemetry.cjs`), and its version; null when it is not installed.
 */
export function findArtillery(loadtestDir: string): { args: string[]; version: string } | null {
  const manifest = join(loadtestDir, 'node_modules', 'artillery', 'package.json');
  const bin = join(loadtestDir, 'node_modules', 'artillery', 'bin', 'run');
  if (!existsSync(manifest) || !existsSync(bin)) return null;
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return {
    args: ['--require', join(loadtestDir, 'artillery', 'no-telemetry.cjs'), bin],
    version: `Artillery ${version}`,
  };
}

/** Bundles the processor and what it imports into one CommonJS file Artillery can `require`. */
export async function bundleProcessor(loadtestDir: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [join(loadtestDir, 'artillery', 'participants.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
}

export interface Limits {
  readonly ackP99Ms: number;
  readonly revealP99Ms: number;
  readonly timerLagP99Ms: number;
}

/**
 * `ensure` checks, each one line of Artillery's output (`ok: …` or `fail: …`): no error, no lost
 * delivery, every participant welcomed, and the latency ceilings, overall and per phase.
 */
function ensure(plan: Plan, limits: Limits) {
  const thresholds: Record<string, number>[] = [
    { 'pokerroom.vote_ack.p99': limits.ackP99Ms },
    { 'pokerroom.reveal_all.p99': limits.revealP99Ms },
    { 'pokerroom.timer_lag.p99': limits.timerLagP99Ms },
  ];
  for (const phase of plan.phaseNames) {
    thresholds.push({ [`pokerroom.${phase}.vote_ack.p99`]: limits.ackP99Ms });
    thresholds.push({ [`pokerroom.${phase}.reveal_all.p99`]: limits.revealP99Ms });
  }
  const conditions = [
    { expression: 'pokerroom.errors == 0' },
    { expression: 'pokerroom.lost_deliveries == 0' },
    { expression: `pokerroom.connected == ${plan.rooms * plan.roomSize}` },
  ];
  return { thresholds, conditions };
}

/** The Artillery script: every participant arrives once, over the plan's connect spread. */
export function script(plan: Plan, processor: string, target: string, limits: Limits): object {
  return {
    config: {
      target,
      processor,
      phases: [
        {
          name: 'participants',
          duration: Math.max(1, Math.round(plan.connectSpreadMs / 1000)),
          // One arrivalCount phase runs in a single worker: a room's members share its state there.
          arrivalCount: plan.rooms * plan.roomSize,
        },
      ],
      plugins: { ensure: ensure(plan, limits) },
    },
    scenarios: [
      {
        name: 'participant',
        engine: 'ws',
        flow: [{ connect: { function: 'connect' } }, { function: 'play' }],
      },
    ],
  };
}

/** A metric in Artillery's JSON report: counters are numbers, summaries hold percentiles. */
export interface ArtillerySummary {
  readonly min: number;
  readonly max: number;
  readonly count: number;
  readonly median: number;
  readonly p95: number;
  readonly p99: number;
}

export interface ArtilleryReport {
  readonly aggregate: {
    readonly counters: Record<string, number>;
    readonly summaries: Record<string, ArtillerySummary>;
  };
}

/** The `ensure` verdicts Artillery printed, in order (it runs with FORCE_COLOR=0: no escapes). */
export function checksFrom(output: string): { check: string; ok: boolean }[] {
  const checks: { check: string; ok: boolean }[] = [];
  for (const line of output.split('\n')) {
    const match = /^\s*(ok|fail): (pokerroom\..+?)\s*$/.exec(line);
    if (match !== null) checks.push({ check: match[2] as string, ok: match[1] === 'ok' });
  }
  return checks;
}
