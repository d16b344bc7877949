import { html, nothing, type TemplateResult } from 'lit';
import {
  canReveal,
  currentStory,
  nextPendingStory,
  storyAfterCurrent,
  waitingVoters,
} from '../view-state.js';
import type { RenderContext } from './context.js';

const DEFAULT_TIMER_SECONDS = 60;

/**
 * The buttons that move the round along, as the viewer's role allows: start, reveal, nudge,
 * timer, skip story, vote again, next story.
 */
export function renderRoundActions(ctx: RenderContext): TemplateResult | typeof nothing {
  const { room, you, strings, actions, view } = ctx;
  const facilitator = you?.role === 'facilitator';
  const revealable = canReveal(view);
  if (!facilitator && !revealable) return nothing;
  const round = room.round;
  const closed = view.status === 'closed';
  const next = nextPendingStory(room);
  const buttons: TemplateResult[] = [];
  if (round === null) {
    if (facilitator) {
      buttons.push(html`<button class="btn primary" data-action="start" ?disabled=${closed} @click=${() => actions.startRound(next?.id ?? null)}>
        ${strings.startRound}
      </button>`);
    }
  } else if (round.status === 'voting') {
    if (revealable) {
      buttons.push(html`<button class="btn primary" data-action="reveal" ?disabled=${closed} @click=${actions.reveal}>
        ${strings.reveal}
      </button>`);
    }
    const waiting = waitingVoters(room).filter((p) => p.id !== you?.id);
    if (facilitator && waiting.length > 0) {
      buttons.push(html`<button class="btn" data-action="nudge" ?disabled=${closed} @click=${actions.nudge}>
        <span aria-hidden="true">👋</span> ${strings.nudge(waiting.length)}
      </button>`);
    }
    // Skipping leaves the current story pending (ending a round without an estimate does that).
    const after = facilitator && currentStory(room) !== null ? storyAfterCurrent(room) : null;
    if (after !== null) {
      buttons.push(html`<button class="btn" data-action="skip" ?disabled=${closed} @click=${() => actions.skipStory(after.id)}>
        ${strings.skipStory} <span aria-hidden="true">⏭</span>
      </button>`);
    }
    if (facilitator) {
      buttons.push(
        room.timer === null
          ? html`<button class="btn" data-action="timer" ?disabled=${closed}
              @click=${() => actions.startTimer(room.settings.roundTimerSeconds ?? DEFAULT_TIMER_SECONDS)}>
              <span aria-hidden="true">⏱</span> ${strings.timerStart}
            </button>`
          : html`<button class="btn" data-action="timer-stop" ?disabled=${closed} @click=${actions.stopTimer}>
              ${strings.timerStop}
            </button>`,
      );
    }
  } else if (facilitator) {
    buttons.push(html`<button class="btn" data-action="revote" ?disabled=${closed} @click=${actions.resetRound}>
      <span aria-hidden="true">↺</span> ${strings.revote}
    </button>`);
    buttons.push(html`<button class="btn ${round.status === 'finalized' ? 'primary' : ''}" data-action="next" ?disabled=${closed}
      @click=${() => actions.startRound(next?.id ?? null)}>
      ${strings.nextStory} <span aria-hidden="true">→</span>
    </button>`);
  }
  if (buttons.length === 0) return nothing;
  return html`<div part="round-actions" class="round-actions" role="group" aria-label=${strings.controlsHeading}>${buttons}</div>`;
}
