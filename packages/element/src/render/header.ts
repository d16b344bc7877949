import { html, nothing, type TemplateResult } from 'lit';
import { formatClock, headlineStory, votersOf } from '../view-state.js';
import type { RenderContext } from './context.js';

/** The room's name, the story under estimation, where the round is, and the timer. */
export function renderHeader(ctx: RenderContext): TemplateResult {
  const { room, strings } = ctx;
  const story = headlineStory(room);
  const round = room.round;
  const voters = votersOf(room).filter((p) => p.presence !== 'offline');
  const title = story?.title ?? strings.noStory;
  return html`<header part="header" class="header">
    <div class="header-text">
      <p class="room-name">${room.name || strings.untitledRoom}</p>
      <h2 id="story-title" tabindex="-1">
        ${story?.url ? html`<a href=${story.url} target="_blank" rel="noopener">${title}</a>` : title}
      </h2>
      ${story?.description ? html`<p class="story-description">${story.description}</p>` : nothing}
    </div>
    <div class="header-meta">
      ${round === null ? (story ? html`<span class="badge">${strings.storyPending}</span>` : nothing) : roundBadge(ctx)}
      ${
        round?.status === 'voting'
          ? html`<span class="badge" data-voted=${round.voted.length}>${strings.votedCount(round.voted.length, voters.length)}</span>`
          : nothing
      }
      ${renderTimer(ctx)}
    </div>
  </header>`;
}

function roundBadge(ctx: RenderContext): TemplateResult {
  const round = ctx.room.round;
  const { strings } = ctx;
  if (round?.status === 'finalized') {
    return html`<span class="badge success">${strings.roundFinalized(round.estimate ?? '')}</span>`;
  }
  if (round?.status === 'revealed') return html`<span class="badge accent">${strings.roundRevealed}</span>`;
  return html`<span class="badge warning">${strings.roundVoting}</span>`;
}

function renderTimer(ctx: RenderContext): TemplateResult | typeof nothing {
  const timer = ctx.room.timer;
  if (timer === null) return nothing;
  const left = (timer.endsAt - ctx.ui.now) / 1000;
  const urgent = left <= 10;
  return html`<span part="timer" class="timer ${urgent ? 'urgent' : ''}" role="timer">
    <span aria-hidden="true">⏱</span> ${ctx.strings.timerRemaining(formatClock(left))}
  </span>`;
}
