import { html, nothing, type TemplateResult } from 'lit';
import type { PokerRoomStrings } from '../strings.js';
import type { RoomView } from '../view-state.js';

/** The sentence describing a connection state, or `null` when all is well. */
export function statusMessage(view: RoomView, strings: PokerRoomStrings): string | null {
  switch (view.status) {
    case 'idle':
      return strings.statusMissingConfig;
    case 'connecting':
      return strings.statusConnecting;
    case 'open':
      return null;
    case 'reconnecting':
      return strings.statusReconnecting;
    case 'closed':
      switch (view.closedReason) {
        case 'kicked':
          return strings.statusKicked;
        case 'room-closed':
          return strings.statusRoomClosed;
        case 'token':
          return strings.statusTokenInvalid;
        case 'token-expired':
          return strings.statusTokenExpired;
        case 'token-fetch':
          return strings.statusTokenFetchFailed;
        default:
          return strings.statusClosed;
      }
  }
}

/**
 * The connection banner. It never hides the room: while reconnecting, voting stays possible and
 * the deck shows queued votes as pending.
 */
export function renderStatusBanner(
  view: RoomView,
  strings: PokerRoomStrings,
  retry: () => void,
): TemplateResult | typeof nothing {
  const message = statusMessage(view, strings);
  if (message === null) return nothing;
  const tone = view.status === 'closed' ? 'danger' : view.status === 'reconnecting' ? 'warning' : 'info';
  // Retrying helps after a failure of the network or of getToken; never with a refused token.
  const canRetry =
    view.status === 'closed' && (view.closedReason === 'other' || view.closedReason === 'token-fetch');
  return html`<div part="status" class="banner ${tone}" data-status=${view.status} data-reason=${view.closedReason ?? ''}>
    ${view.status === 'connecting' || view.status === 'reconnecting' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
    <span>${message}</span>
    ${canRetry ? html`<button class="btn small" @click=${retry}>${strings.retry}</button>` : nothing}
  </div>`;
}

/** A dismissible notice: a nudge to vote, or a refused command. */
export function renderNotice(
  text: string | null,
  tone: 'accent' | 'danger',
  dismissLabel: string,
  dismiss: () => void,
): TemplateResult | typeof nothing {
  if (text === null) return nothing;
  return html`<div part="notice" class="banner ${tone}">
    <span>${text}</span>
    <button class="btn small quiet" @click=${dismiss}>${dismissLabel}</button>
  </div>`;
}
