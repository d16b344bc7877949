import { html, type TemplateResult } from 'lit';
import { drawLabel } from '../view-state.js';
import { REACTIONS, type RenderContext } from './context.js';

/** The emoji reaction bar; reactions show on the sender's avatar for a few seconds. */
export function renderReactions(ctx: RenderContext): TemplateResult {
  const { strings, actions, view } = ctx;
  return html`<div part="reactions" class="reactions" role="group" aria-label=${strings.reactionsLabel}>
    ${REACTIONS.map(
      (emoji) => html`<button
        type="button"
        class="reaction"
        aria-label=${strings.react(emoji)}
        ?disabled=${view.status !== 'open'}
        @click=${() => actions.react(emoji)}
      >
        ${drawLabel(emoji)}
      </button>`,
    )}
  </div>`;
}
