import { DECK_KINDS, type DeckKind, LIMITS, type RoomSettings } from '@pokerroom/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { PokerRoomStrings } from '../strings.js';
import type { RenderContext } from './context.js';

/** The facilitator's room settings: name, deck, auto-reveal, who may reveal, anonymity, timer. */
export function renderSettings(ctx: RenderContext): TemplateResult | typeof nothing {
  const { room, you, strings, actions } = ctx;
  if (you?.role !== 'facilitator') return nothing;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    const kind = String(data.get('deck') ?? room.deck.kind) as DeckKind;
    const timer = Number(data.get('timer') ?? 0);
    const settings: Partial<RoomSettings> = {
      autoReveal: data.get('autoReveal') === 'on',
      revealPolicy: data.get('votersMayReveal') === 'on' ? 'voters' : 'facilitator',
      anonymous: data.get('anonymous') === 'on',
      roundTimerSeconds:
        Number.isInteger(timer) && timer >= LIMITS.minTimerSeconds
          ? Math.min(timer, LIMITS.maxTimerSeconds)
          : null,
    };
    actions.updateRoom({
      ...(name !== '' && name !== room.name ? { name } : {}),
      ...(kind !== room.deck.kind && kind !== 'custom' ? { deck: { kind } } : {}),
      settings,
    });
  };
  const s = room.settings;
  return html`<details part="settings" class="panel settings">
    <summary><h3>${strings.settings}</h3></summary>
    <form @submit=${submit}>
      <label class="field">
        <span>${strings.roomName}</span>
        <input name="name" type="text" maxlength=${LIMITS.nameLength} .value=${room.name} />
      </label>
      <label class="field">
        <span>${strings.deck}</span>
        <select name="deck">
          ${DECK_KINDS.map(
            (
              kind,
            ) => html`<option value=${kind} ?selected=${kind === room.deck.kind} ?disabled=${kind === 'custom' && room.deck.kind !== 'custom'}>
              ${deckName(kind, strings)}
            </option>`,
          )}
        </select>
      </label>
      <label class="field">
        <span>${strings.roundTimer}</span>
        <input name="timer" type="number" min="0" max=${LIMITS.maxTimerSeconds} step="5"
          placeholder=${strings.noTimer} .value=${s.roundTimerSeconds === null ? '' : String(s.roundTimerSeconds)} />
      </label>
      <label class="check"><input name="autoReveal" type="checkbox" ?checked=${s.autoReveal} /> ${strings.autoReveal}</label>
      <label class="check"><input name="votersMayReveal" type="checkbox" ?checked=${s.revealPolicy === 'voters'} /> ${strings.votersMayReveal}</label>
      <label class="check"><input name="anonymous" type="checkbox" ?checked=${s.anonymous} /> ${strings.anonymous}</label>
      <button class="btn small" type="submit">${strings.save}</button>
    </form>
  </details>`;
}

/** The name of a deck kind. */
export function deckName(kind: DeckKind, strings: PokerRoomStrings): string {
  switch (kind) {
    case 'fibonacci':
      return strings.deckFibonacci;
    case 'modified-fibonacci':
      return strings.deckModifiedFibonacci;
    case 't-shirt':
      return strings.deckTShirt;
    case 'powers-of-two':
      return strings.deckPowersOfTwo;
    case 'custom':
      return strings.deckCustom;
  }
}
