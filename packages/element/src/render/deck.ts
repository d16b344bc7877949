import type { Card } from '@pokerroom/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { PokerRoomStrings } from '../strings.js';
import { canChooseVoting, drawLabel, shownVote } from '../view-state.js';
import type { RenderContext } from './context.js';

/** The deck's keyboard focus, kept by the element so one card is the tab stop (roving tabindex). */
export interface DeckFocus {
  readonly index: number | null;
  move(index: number): void;
}

const KEY_STEPS: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * The viewer's cards as a radio group: click or tap a card to vote; arrow keys, Home and End
 * move between cards and Enter or Space votes. Before the reveal the vote can change or be taken back.
 */
export function renderDeck(ctx: RenderContext, focus: DeckFocus): TemplateResult | typeof nothing {
  const { room, you, strings, view, actions } = ctx;
  if (you?.role === 'observer') {
    return html`<section part="deck" class="deck-panel panel"><p class="deck-status">${strings.observerNotice}</p></section>`;
  }
  const voting = room.round?.status === 'voting' && view.status !== 'closed';
  if (room.round !== null && room.round.status !== 'voting') {
    return html`<section part="deck" class="deck-panel panel closed-round" aria-labelledby="deck-heading">
      <div class="deck-head">
        <h3 id="deck-heading">${strings.deckHeading}</h3>
        <p class="deck-status">${closedText(ctx)}</p>
        ${renderVotingSwitch(ctx)}
      </div>
    </section>`;
  }
  if (you?.role === 'facilitator' && you.votes === false) {
    return html`<section part="deck" class="deck-panel panel not-voting" aria-labelledby="deck-heading">
      <div class="deck-head">
        <h3 id="deck-heading">${strings.deckHeading}</h3>
        <p class="deck-status" part="not-voting">${strings.notVotingNotice}</p>
        ${renderVotingSwitch(ctx)}
      </div>
    </section>`;
  }
  const selected = shownVote(view);
  const cards = room.deck.cards;
  const selectedIndex = cards.findIndex((card) => card.label === selected);
  const tabStop = focus.index ?? Math.max(selectedIndex, 0);
  const onKeydown = (event: KeyboardEvent) => {
    const step = KEY_STEPS[event.key];
    let next: number | null = null;
    if (step !== undefined) next = (tabStop + step + cards.length) % cards.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = cards.length - 1;
    if (next === null) return;
    event.preventDefault();
    focus.move(next);
  };
  return html`<section part="deck" class="deck-panel panel ${ctx.presenter ? 'presenter' : ''}" aria-labelledby="deck-heading">
    <div class="deck-head">
      <h3 id="deck-heading">${strings.deckHeading}</h3>
      ${renderVoteStatus(ctx, voting)}
      ${renderVotingSwitch(ctx)}
    </div>
    <div
      class="deck"
      role="radiogroup"
      aria-labelledby="deck-heading"
      aria-describedby="deck-hint"
      aria-disabled=${voting ? 'false' : 'true'}
      @keydown=${onKeydown}
    >
      ${cards.map((card, index) => {
        const checked = card.label === selected;
        // In presenter mode the chosen card looks like any other, in flight (pending) too.
        const shown = checked && !ctx.presenter;
        return html`<button
          type="button"
          role="radio"
          class="card ${shown ? 'selected' : ''} ${shown && view.pendingVote !== undefined ? 'pending' : ''}"
          part="card${shown ? ' card-selected' : ''}"
          aria-checked=${checked ? 'true' : 'false'}
          aria-label=${cardLabel(card, strings)}
          tabindex=${index === tabStop ? '0' : '-1'}
          data-card=${card.label}
          ?disabled=${!voting}
          @click=${() => {
            focus.move(index);
            if (!checked) actions.vote(card.label);
          }}
        >
          <span class="corner" aria-hidden="true">${drawLabel(card.label)}</span>
          <span class="face" aria-hidden="true">${drawLabel(card.label)}</span>
        </button>`;
      })}
    </div>
    <p id="deck-hint" class="visually-hidden">${strings.deckHint}</p>
  </section>`;
}

/**
 * A facilitator's switch between voting and running the room without voting; not offered on a
 * v1 connection, which has no such command.
 */
function renderVotingSwitch(ctx: RenderContext): TemplateResult | typeof nothing {
  const { view, you, strings, actions } = ctx;
  if (!canChooseVoting(view)) return nothing;
  const on = you?.votes !== false;
  return html`<button
    type="button"
    class="btn small quiet voting-switch"
    part="voting-switch"
    data-action="voting"
    aria-pressed=${on ? 'true' : 'false'}
    ?disabled=${view.status === 'closed'}
    @click=${() => actions.setVoting(!on)}
  ><span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>${strings.votingSwitch}</button>`;
}

function renderVoteStatus(ctx: RenderContext, voting: boolean): TemplateResult | typeof nothing {
  const { view, strings, actions, presenter } = ctx;
  if (ctx.room.round === null) {
    const text =
      ctx.you?.role === 'facilitator' ? strings.waitingForRoundFacilitator : strings.waitingForRound;
    return html`<p class="deck-status">${text}</p>`;
  }
  const selected = shownVote(view);
  if (view.pendingVote !== undefined && view.pendingVote !== null) {
    const offline = view.status !== 'open';
    const card = presenter ? '✓' : view.pendingVote;
    return html`<p class="deck-status pending" part="pending-vote">
      ${offline ? strings.votePendingOffline(card) : strings.votePending(card)}
    </p>`;
  }
  if (selected === null || !voting) return nothing;
  return html`<p class="deck-status voted">
    <span>${presenter ? strings.yourVoteHidden : strings.yourVote(selected)}</span>
    <button class="btn small quiet" @click=${actions.retractVote}>${strings.retractVote}</button>
  </p>`;
}

/** What comes next after the reveal, written for who reads it: nothing starts by itself. */
function closedText({ room, you, strings }: RenderContext): string {
  const facilitator = you?.role === 'facilitator';
  if (room.round?.status === 'finalized')
    return facilitator ? strings.roundEstimateSavedFacilitator : strings.roundEstimateSaved;
  return facilitator ? strings.roundClosedFacilitator : strings.roundClosed;
}

/** What a screen reader says for a card: the label, and what `?` and `☕` mean. */
export function cardLabel(card: Card, strings: PokerRoomStrings): string {
  if (card.label === '?') return `? (${strings.cardUnsure})`;
  if (card.label === '☕') return `☕ (${strings.cardBreak})`;
  return card.label;
}
