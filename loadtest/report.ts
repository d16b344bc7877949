/**
 * The run's summary: figures from Artillery's JSON report (`--output`: counters and summaries of
 * the processor's `pokerroom.*` metrics, plus Artillery's own `errors.*` counters), the `ensure`
 * verdicts it printed, CPU and memory sampled from /proc, and what the servers logged at warn level
 * or above.
 */
import { readFileSync } from 'node:fs';
import type { ArtilleryReport, ArtillerySummary } from './generator.js';
import type { Plan, Scenario } from './setup.js';
import { type Sample, type Usage, usageBetween } from './stack.js';

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
  /** The load generator and its version. */
  readonly generator: string;
  readonly localIps: string;
  readonly rooms: number;
  readonly roomSize: number;
  readonly setupMs: number;
  readonly generatorExitCode: number | null;
  readonly durationMs: number;
  readonly connections: {
    readonly expected: number;
    readonly welcomed: number;
    /** Connecting → socket open (TCP connect, upgrade, 101), and socket open → welcome. */
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
    /** Events the acked commands should have brought and did not, summed room by room. */
    readonly lost: number;
  };
  readonly errors: Record<string, number>;
  /** Artillery's `ensure` verdicts. */
  readonly checks: readonly { check: string; ok: boolean }[];
  readonly serverLogs: readonly LogSummary[];
  readonly serverExits: readonly string[];
}

function quantiles(metric: ArtillerySummary | undefined): Quantiles {
  return {
    p50: metric?.median ?? null,
    p95: metric?.p95 ?? null,
    p99: metric?.p99 ?? null,
    max: metric?.max ?? null,
  };
}

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
  report: ArtilleryReport,
  plan: Plan,
  samples: readonly Sample[],
): Pick<RunRecord, 'connections' | 'timerLag' | 'phases' | 'commands' | 'deliveries' | 'errors'> {
  const counters = report.aggregate.counters ?? {};
  const summaries = report.aggregate.summaries ?? {};
  const counter = (name: string) => counters[`pokerroom.${name}`] ?? 0;
  const summary = (name: string) => summaries[`pokerroom.${name}`];
  const phases = windows(plan).map(({ phase, from, to }) => ({
    phase,
    from,
    to,
    votesAcked: counter(`${phase}.votes_acked`),
    voteAck: quantiles(summary(`${phase}.vote_ack`)),
    reveals: summary(`${phase}.reveal_all`)?.count ?? 0,
    revealAll: quantiles(summary(`${phase}.reveal_all`)),
    errors: counter(`${phase}.errors`),
    usage: usageBetween(samples, from, to),
  }));
  const commands: Record<string, Quantiles & { count: number }> = {};
  for (const kind of ['start', 'reveal', 'ping']) {
    const metric = summary(`command_ack.${kind}`);
    commands[kind] = { ...quantiles(metric), count: metric?.count ?? 0 };
  }
  const errors: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) {
    if (value === 0) continue;
    const code = /^pokerroom\.errors_by_code\.(.+)$/.exec(name)?.[1];
    if (code !== undefined) errors[code] = value;
    // Artillery's own: a connection the engine could not open, a step that failed.
    else if (name.startsWith('errors.')) errors[`artillery: ${name.slice('errors.'.length)}`] = value;
  }
  return {
    connections: {
      expected: plan.rooms * plan.roomSize,
      welcomed: counter('connected'),
      upgrade: quantiles(summary('upgrade')),
      connect: quantiles(summary('connect')),
    },
    timerLag: quantiles(summary('timer_lag')),
    phases,
    commands,
    deliveries: {
      votes: counter('deliveries.votes'),
      votesExpected: counter('deliveries.votes_expected'),
      reveals: counter('deliveries.reveals'),
      revealsExpected: counter('deliveries.reveals_expected'),
      revealsLate: plan.phaseNames.reduce((sum, phase) => sum + counter(`${phase}.reveals_late`), 0),
      lost: counter('lost_deliveries'),
    },
    errors,
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
  out.push(
    `Load: ${run.generator}, one virtual user per participant, in its own process; source addresses ${run.localIps}`,
  );
  out.push(
    `Rooms: ${fmt(run.rooms)} × ${run.roomSize} (1 facilitator + ${run.roomSize - 1} voters, everyone votes), ` +
      `made with their tokens through the REST API in ${(run.setupMs / 1000).toFixed(1)} s; ` +
      `the load generator ran ${(run.durationMs / 1000).toFixed(0)} s (exit ${run.generatorExitCode ?? 'killed'}).`,
  );
  const c = run.connections;
  out.push(
    `Connections: ${fmt(c.welcomed)} of ${fmt(c.expected)} welcomed; connect → open p50 ${ms(c.upgrade.p50)} ms, ` +
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
        'load generator cores',
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
      `${fmt(d.revealsExpected)} expected (acked reveals × members); **${fmt(d.lost)} lost**; ${fmt(d.revealsLate)} ` +
      `reveals not yet received by every member when the room's next round began (late: not in the latency columns).`,
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
    `\nArtillery's \`ensure\` checks: ${
      run.checks.length === 0
        ? '**none reported**'
        : run.checks.map((t) => `\`${t.check}\` ${t.ok ? 'met' : '**missed**'}`).join('; ')
    }.`,
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
