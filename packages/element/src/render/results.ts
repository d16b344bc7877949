import type { CardCount, Round, Statistics } from '@pokerroom/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { drawLabel, findOutliers, formatNumber, tallestBar } from '../view-state.js';
import type { RenderContext } from './context.js';

/** The finalize form's draft, kept by the element across renders. */
export interface FinalizeDraft {
  readonly value: string | null;
  set(value: string): void;
}

/**
 * The reveal: the figures, the distribution as CSS bars, the consensus highlight, who voted
 * highest and lowest, and (for facilitators) the final estimate, suggested from the median.
 */
export function renderResults(ctx: RenderContext, draft: FinalizeDraft): TemplateResult | typeof nothing {
  const round = ctx.room.round;
  if (round === null || round.status === 'voting' || round.stats === undefined) return nothing;
  const { strings } = ctx;
  const stats = round.stats;
  return html`<section part="results" class="panel results ${stats.consensus ? 'consensus' : ''}" aria-labelledby="results-heading">
    <div class="results-head">
      <h3 id="results-heading" tabindex="-1">${strings.resultsHeading}</h3>
      ${
        stats.count === 0
          ? nothing
          : stats.consensus
            ? html`<span class="badge success consensus-badge" part="consensus">🎉 ${strings.consensus}</span>`
            : html`<span class="badge">${strings.noConsensus}</span>`
      }
    </div>
    ${stats.count === 0 ? html`<p class="muted">${strings.noVotes}</p>` : renderFigures(ctx, stats)}
    ${stats.count === 0 ? nothing : renderChart(ctx, stats)}
    ${renderOutliers(ctx, round)}
    ${renderFinalize(ctx, round, stats, draft)}
  </section>`;
}

function renderFigures(ctx: RenderContext, stats: Statistics): TemplateResult {
  const { strings } = ctx;
  const figures: [string, string, string][] = [
    ['mean', strings.mean, formatNumber(stats.mean)],
    ['median', strings.median, formatNumber(stats.median)],
    ['mode', strings.mode, stats.modes.join(', ') || '–'],
    ['spread', strings.spread, formatNumber(stats.spread)],
    ['agreement', strings.agreement, `${Math.round(stats.agreement * 100)}%`],
  ];
  return html`<dl class="figures" part="figures">
    ${figures.map(
      ([key, label, value]) => html`<div class="figure" data-figure=${key}>
        <dt>${label}</dt>
        <dd>${value}</dd>
      </div>`,
    )}
  </dl>`;
}

function renderChart(ctx: RenderContext, stats: Statistics): TemplateResult {
  const { strings } = ctx;
  const tallest = tallestBar(stats);
  const bar = (entry: CardCount, counted: boolean) => {
    const mode = counted && stats.modes.includes(entry.label);
    return html`<li class="bar-row ${mode ? 'mode' : ''} ${counted ? '' : 'uncounted'}" data-card=${entry.label}>
      <span class="bar-label" aria-hidden="true">${drawLabel(entry.label)}</span>
      <span class="bar-track" aria-hidden="true"><span class="bar" style="width:${(entry.count / tallest) * 100}%"></span></span>
      <span class="bar-count" aria-hidden="true">${entry.count}</span>
      <span class="visually-hidden">${strings.barLabel(entry.label, entry.count)}</span>
    </li>`;
  };
  return html`<div class="chart" part="chart">
    <h4 class="visually-hidden">${strings.distribution}</h4>
    <ul class="bars">
      ${stats.distribution.map((entry) => bar(entry, true))} ${stats.nonNumeric.map((entry) => bar(entry, false))}
    </ul>
  </div>`;
}

function renderOutliers(ctx: RenderContext, round: Round): TemplateResult | typeof nothing {
  const { highest, lowest } = findOutliers(ctx.room, round);
  if (highest === null && lowest === null) return nothing;
  const { strings } = ctx;
  return html`<div class="outliers" part="outliers">
    <p class="outliers-title">💬 ${strings.outliersHeading}</p>
    <ul>
      ${highest ? html`<li class="high">${strings.highest(highest.names.join(', '), highest.card)}</li>` : nothing}
      ${lowest ? html`<li class="low">${strings.lowest(lowest.names.join(', '), lowest.card)}</li>` : nothing}
    </ul>
  </div>`;
}

function renderFinalize(
  ctx: RenderContext,
  round: Round,
  stats: Statistics,
  draft: FinalizeDraft,
): TemplateResult | typeof nothing {
  const { strings, actions } = ctx;
  if (round.status === 'finalized') {
    return html`<p class="final" part="final-estimate">
      <span>${strings.finalEstimate}</span><strong>${round.estimate}</strong>
    </p>`;
  }
  if (ctx.you?.role !== 'facilitator') return nothing;
  const value = draft.value ?? stats.suggestion ?? stats.modes[0] ?? '';
  const choices = [...stats.distribution, ...stats.nonNumeric].map((entry) => entry.label);
  const submit = (event: Event) => {
    event.preventDefault();
    const estimate = value.trim();
    if (estimate !== '') actions.finalize(estimate);
  };
  return html`<form class="finalize" part="finalize" @submit=${submit}>
    <label for="final-estimate">${strings.finalEstimate}</label>
    <div class="finalize-row">
      <input
        id="final-estimate"
        type="text"
        maxlength="16"
        .value=${value}
        @input=${(event: Event) => draft.set((event.target as HTMLInputElement).value)}
      />
      <button class="btn primary" type="submit" ?disabled=${value.trim() === ''}>${strings.finalize}</button>
    </div>
    <div class="chips">
      ${stats.suggestion ? html`<span class="muted">${strings.suggested(stats.suggestion)}</span>` : nothing}
      ${choices
        .filter((label) => label !== value)
        .map(
          (label) =>
            html`<button type="button" class="btn small chip" @click=${() => draft.set(label)}>${label}</button>`,
        )}
    </div>
  </form>`;
}
