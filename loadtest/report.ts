/**
 * The run's summary: figures from k6's summary export (`--summary-export`, the legacy JSON: a map
 * of metric name → values, sub-metrics as `name{tag:value}`, thresholds as `expression → failed`),
 * CPU and memory sampled from /proc, and what the servers logged at warn level or above.
 */
import { readFileSync } from 'node:fs';
import type { Plan, Scenario } from './setup.js';
import { type Sample, type Usage, usageBetween } from './stack.js';

type MetricValues = Record<string, number | Record<string, boolean> | undefined>;
export interface K6Summary {
  readonly metrics: Record<string, MetricValues>;
}

export interface PhaseFigures {
  readonly phase: Scenario;
  readonly from: number;
  readonly to: number;
  readonly votesAcked: number;
  readonly voteAck: Quantiles;
  readonly reveals: number;
  readonly revealAll: Quantiles;
  readonly errors: number;
  readonly usage: Usage | null;
}

export interface Quantiles {
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export interface LogSummary {
  readonly node: string;
  readonly warn: number;
  readonly error: number;
  readonly fatal: number;
  /** The most frequent messages at warn level or above, with their counts. */
  readonly top: readonly { msg: string; count: number }[];
  /** Lines that were not JSON but look like a warning or an error (runtime warnings, traces), with counts. */
  readonly other: readonly { line: string; count: number }[];
}

export interface RunRecord {
  readonly startedAt: string;
  readonly command: string;
  readonly machine: string;
  readonly stack: string;
  readonly k6: string;
  readonly localIps: string;
  readonly rooms: number;
  readonly roomSize: number;
  readonly vus: number;
  readonly setupMs: number;
  readonly k6ExitCode: number | null;
  readonly durationMs: number;
  readonly connections: {
    readonly expected: number;
    readonly welcomed: number;
    /** Upgrade request → 101 (k6's ws_connecting), and socket open → welcome. */
    readonly upgrade: Quantiles;
    readonly connect: Quantiles;
  };
  /** How late the load generator's timers fired. */
  readonly timerLag: Quantiles;
  readonly phases: readonly PhaseFigures[];
  readonly commands: Record<string, Quantiles & { count: number }>;
  readonly deliveries: {
    readonly votes: number;
    readonly votesExpected: number;
    readonly reveals: number;
    readonly revealsExpected: number;
    readonly revealsLate: number;
  };
  readonly errors: Record<string, number>;
  readonly thresholds: readonly { metric: string; threshold: string; ok: boolean }[];
  readonly serverLogs: readonly LogSummary[];
  readonly serverExits: readonly string[];
}

const num = (v: MetricValues[string]) => (typeof v === 'number' ? v : null);

function quantiles(metric: MetricValues | undefined): Quantiles {
  return {
    p50: num(metric?.med),
    p95: num(metric?.['p(95)']),
    p99: num(metric?.['p(99)']),
    max: num(metric?.max),
  };
}

const count = (metric: MetricValues | undefined) => num(metric?.count) ?? 0;

/** Each phase's window: from its first round's start to the next phase's (or the timeline's end). */
function windows(plan: Plan): { phase: Scenario; from: number; to: number }[] {
  const out: { phase: Scenario; from: number; to: number }[] = [];
  for (const wave of plan.waves) {
    const last = out[out.length - 1];
    if (last?.phase === wave.phase) continue;
    if (last !== undefined) last.to = wave.startAt;
    out.push({ phase: wave.phase, from: wave.startAt, to: plan.endAt });
  }
  return out;
}

export function figures(
  summary: K6Summary,
  plan: Plan,
  samples: readonly Sample[],
): Pick<
  RunRecord,
  'connections' | 'timerLag' | 'phases' | 'commands' | 'deliveries' | 'errors' | 'thresholds'
> {
  const m = summary.metrics;
  const phases = windows(plan).map(({ phase, from, to }) => ({
    phase,
    from,
    to,
    votesAcked: count(m[`pr_vote_ack{phase:${phase}}`]),
    voteAck: quantiles(m[`pr_vote_ack{phase:${phase}}`]),
    reveals: count(m[`pr_reveal_all{phase:${phase}}`]),
    revealAll: quantiles(m[`pr_reveal_all{phase:${phase}}`]),
    errors: count(m[`pr_errors{phase:${phase}}`]),
    usage: usageBetween(samples, from, to),
  }));
  const commands: Record<string, Quantiles & { count: number }> = {};
  for (const kind of ['start', 'reveal', 'ping']) {
    const metric = m[`pr_command_ack{cmd:${kind}}`];
    commands[kind] = { ...quantiles(metric), count: count(metric) };
  }
  const errors: Record<string, number> = {};
  const thresholds: { metric: string; threshold: string; ok: boolean }[] = [];
  for (const [name, values] of Object.entries(m)) {
    const code = /^pr_errors\{code:(.+)\}$/.exec(name)?.[1];
    if (code !== undefined && count(values) > 0) errors[code] = count(values);
    const marks = values.thresholds;
    if (typeof marks !== 'object' || code !== undefined || name.startsWith('pr_command_ack')) continue;
    for (const [threshold, failed] of Object.entries(marks))
      thresholds.push({ metric: name, threshold, ok: !failed });
  }
  thresholds.sort((a, b) => a.metric.localeCompare(b.metric));
  return {
    connections: {
      expected: plan.rooms * plan.roomSize,
      welcomed: count(m.pr_connected),
      upgrade: quantiles(m.ws_connecting),
      connect: quantiles(m.pr_connect),
    },
    timerLag: quantiles(m.pr_timer_lag),
    phases,
    commands,
    deliveries: {
      votes: count(m.pr_vote_deliveries),
      votesExpected: count(m.pr_vote_deliveries_expected),
      reveals: count(m.pr_reveal_deliveries),
      revealsExpected: count(m.pr_reveal_deliveries_expected),
      revealsLate: count(m.pr_reveals_late),
    },
    errors,
    thresholds,
  };
}

/** Counts a server log's lines at warn (40), error (50) and fatal (60) — pino's JSON lines. */
export function summarizeLog(node: string, file: string): LogSummary {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // no log
  }
  const counts = { warn: 0, error: 0, fatal: 0 };
  const messages = new Map<string, number>();
  const other = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let entry: { level?: number; msg?: string };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      // Not a log line: the start-up banner, or a runtime's own warning (kept: worth a look).
      const key = line.trim().slice(0, 200);
      if (/warn|error|exception|uncaught|fatal/i.test(key)) other.set(key, (other.get(key) ?? 0) + 1);
      continue;
    }
    const level = entry.level ?? 0;
    if (level >= 60) counts.fatal++;
    else if (level >= 50) counts.error++;
    else if (level >= 40) counts.warn++;
    else continue;
    const msg = String(entry.msg ?? '(no message)').slice(0, 120);
    messages.set(msg, (messages.get(msg) ?? 0) + 1);
  }
  const top = [...messages.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([msg, n]) => ({ msg, count: n }));
  const otherTop = [...other.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([line, n]) => ({ line, count: n }));
  return { node, ...counts, top, other: otherTop };
}

// ---------------------------------------------------------------- markdown

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number | null) => (n === null ? '—' : n < 10 ? n.toFixed(1) : fmt(n));
const cores = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(2));

function table(header: string[], rows: string[][], right: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (right[i] ? `${'-'.repeat(Math.max(1, w - 1))}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const PHASE_LABELS: Record<Scenario, string> = {
  steady: 'steady rounds',
  storm: 'vote storm',
  spike: 'reveal spike',
};

export function markdown(run: RunRecord, plan: Plan, withPostgres: boolean): string {
  const out: string[] = [];
  out.push(`# Load test, ${run.startedAt}\n`);
  out.push(`Command: \`${run.command}\``);
  out.push(`Machine: ${run.machine}`);
  out.push(`Stack: ${run.stack}`);
  out.push(`Load: ${run.k6}, ${run.vus} VUs, source addresses ${run.localIps}`);
  out.push(
    `Rooms: ${fmt(run.rooms)} × ${run.roomSize} (1 facilitator + ${run.roomSize - 1} voters, everyone votes), ` +
      `made with their tokens through the REST API in ${(run.setupMs / 1000).toFixed(1)} s; ` +
      `k6 ran ${(run.durationMs / 1000).toFixed(0)} s (exit ${run.k6ExitCode ?? 'killed'}).`,
  );
  const c = run.connections;
  out.push(
    `Connections: ${fmt(c.welcomed)} of ${fmt(c.expected)} welcomed; upgrade → 101 p50 ${ms(c.upgrade.p50)} ms, ` +
      `p99 ${ms(c.upgrade.p99)} ms; open → welcome p50 ${ms(c.connect.p50)} ms, p99 ${ms(c.connect.p99)} ms, ` +
      `max ${ms(c.connect.max)} ms. Load generator's timers late by p50 ${ms(run.timerLag.p50)} ms, ` +
      `p99 ${ms(run.timerLag.p99)} ms.\n`,
  );
  out.push(
    table(
      [
        'phase',
        'votes acked',
        'ack p50 ms',
        'ack p95 ms',
        'ack p99 ms',
        'ack max ms',
        'reveals',
        'reveal→all p50 ms',
        'reveal→all p99 ms',
        'reveal→all max ms',
        'errors',
        'server cores',
        ...(withPostgres ? ['PostgreSQL cores'] : []),
        'k6 cores',
        'machine busy',
        'server RSS max',
      ],
      run.phases.map((p) => [
        PHASE_LABELS[p.phase],
        fmt(p.votesAcked),
        ms(p.voteAck.p50),
        ms(p.voteAck.p95),
        ms(p.voteAck.p99),
        ms(p.voteAck.max),
        fmt(p.reveals),
        ms(p.revealAll.p50),
        ms(p.revealAll.p99),
        ms(p.revealAll.max),
        fmt(p.errors),
        cores(p.usage?.server),
        ...(withPostgres ? [cores(p.usage?.postgres)] : []),
        cores(p.usage?.load),
        p.usage === null ? '—' : `${Math.round(p.usage.machine * 100)} %`,
        p.usage === null ? '—' : `${Math.round(p.usage.serverRssMax / 1048576)} MB`,
      ]),
      [
        false,
        true,
        true,
        true,
        true,
        true,
        true,
        true,
        true,
        true,
        true,
        true,
        ...(withPostgres ? [true] : []),
        true,
        true,
        true,
      ],
    ),
  );
  const d = run.deliveries;
  out.push(
    `\nDeliveries: ${fmt(d.votes)} \`vote.cast\` events received of ${fmt(d.votesExpected)} expected ` +
      `(acked votes × members connected at the ack); ${fmt(d.reveals)} \`round.revealed\` received of ` +
      `${fmt(d.revealsExpected)} expected (acked reveals × members); ${fmt(d.revealsLate)} reveals not yet ` +
      `received by every member when the room's next round began (late: not in the latency columns).`,
  );
  out.push(
    `Other commands (ack latency): ${Object.entries(run.commands)
      .map(([kind, q]) => `${kind} ${fmt(q.count)} × p50 ${ms(q.p50)} / p99 ${ms(q.p99)} ms`)
      .join('; ')}.`,
  );
  const errors = Object.entries(run.errors);
  out.push(
    `Errors by code: ${errors.length === 0 ? 'none' : errors.map(([code, n]) => `\`${code}\` ${fmt(n)}`).join(', ')}.`,
  );
  out.push(
    `\nThresholds (recorded, not enforced): ${run.thresholds
      .map((t) => `\`${t.metric}\` ${t.threshold} ${t.ok ? 'met' : '**missed**'}`)
      .join('; ')}.`,
  );
  for (const log of run.serverLogs) {
    const top = log.top.map((t) => `"${t.msg}" × ${t.count}`).join('; ');
    out.push(
      `Server ${log.node} log: ${log.warn} warn, ${log.error} error, ${log.fatal} fatal lines` +
        (top === '' ? '.' : ` — ${top}.`) +
        (log.other.length > 0
          ? ` Other output: ${log.other.map((o) => `\`${o.line}\` × ${o.count}`).join('; ')}.`
          : ''),
    );
  }
  for (const exit of run.serverExits) out.push(`**${exit}**`);
  const waves = plan.waves.length;
  out.push(
    `\nTimeline: ${waves} rounds per room (${plan.phaseNames.map((p) => `${p} ${plan.waves.filter((w) => w.phase === p).length}`).join(', ')}), ` +
      `a ping per connection every ${plan.pingEveryMs / 1000} s.`,
  );
  return `${out.join('\n')}\n`;
}
