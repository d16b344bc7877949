import type { Participant, Role } from '@pokerroom/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { PokerRoomStrings } from '../strings.js';
import { colorIndexOf, drawLabel, initialsOf, votes } from '../view-state.js';
import type { RenderContext } from './context.js';
import { renderReactions } from './reactions.js';

const AVATAR_COLORS = 8;
const ROLE_ORDER: Record<Role, number> = { facilitator: 0, voter: 1, observer: 2 };

/** Everyone in the room: who they are, whether they're here, and whether they've voted. */
export function renderParticipants(ctx: RenderContext): TemplateResult {
  const { room, strings } = ctx;
  const people = [...room.participants].sort(
    (a, b) =>
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      Number(a.presence === 'offline') - Number(b.presence === 'offline'),
  );
  return html`<section part="participants" class="panel participants" aria-labelledby="participants-heading">
    <div class="participants-head">
      <h3 id="participants-heading">${strings.participantsHeading} <span class="count">${room.participants.length}</span></h3>
      ${renderReactions(ctx)}
    </div>
    <ul class="people">
      ${repeat(
        people,
        (p) => p.id,
        (p) => renderParticipant(ctx, p),
      )}
    </ul>
  </section>`;
}

function renderParticipant(ctx: RenderContext, p: Participant): TemplateResult {
  const { room, strings, you } = ctx;
  const round = room.round;
  const isYou = p.id === you?.id;
  const voted = round?.voted.includes(p.id) ?? false;
  const revealedCard = round?.votes?.find((vote) => vote.participantId === p.id)?.card;
  const reaction = ctx.ui.reactions.get(p.id);
  const vote = voteState(ctx, p, voted, revealedCard);
  return html`<li class="person ${p.presence}" part="participant" data-participant=${p.id} data-voted=${voted}>
    <span class="avatar-wrap">
      ${renderAvatar(p)}
      <span class="presence-dot ${p.presence}" aria-hidden="true"></span>
      ${reaction ? html`<span class="reaction-bubble" aria-hidden="true" data-key=${reaction.key}>${reaction.emoji}</span>` : nothing}
    </span>
    <span class="person-text">
      <span class="person-name">${p.name}${isYou ? html` <span class="you">(${strings.you})</span>` : nothing}</span>
      <span class="person-meta">
        ${p.role === 'voter' ? nothing : html`<span class="role ${p.role}">${roleLabel(p.role, strings)}</span>`}
        ${p.role === 'facilitator' && p.votes === false ? html`<span class="role not-voting" data-not-voting>${strings.notVoting}</span>` : nothing}
        <span class="presence-label ${p.presence === 'online' ? 'visually-hidden' : ''}">${presenceLabel(p, strings)}</span>
      </span>
    </span>
    ${vote}
    ${renderManage(ctx, p, isYou)}
  </li>`;
}

function voteState(
  ctx: RenderContext,
  p: Participant,
  voted: boolean,
  revealed: string | undefined,
): TemplateResult | typeof nothing {
  const { strings, room } = ctx;
  if (room.round === null) return nothing;
  if (!votes(p) && revealed === undefined) return nothing;
  if (revealed !== undefined) {
    return html`<span class="mini-card face" part="vote-card" role="img" aria-label=${`${p.name}: ${revealed}`}>${drawLabel(revealed)}</span>`;
  }
  if (room.round.status !== 'voting') {
    return voted
      ? html`<span class="mini-card back" part="vote-card" role="img" aria-label=${strings.hasVoted}></span>`
      : nothing;
  }
  return voted
    ? html`<span class="mini-card back" part="vote-card" role="img" aria-label=${strings.hasVoted}></span>`
    : html`<span class="mini-card empty" part="vote-card" role="img" aria-label=${strings.notVoted}></span>`;
}

/** Closes the menu a choice was made in, and gives focus back to its button (never to `<body>`). */
function closeMenu(event: Event): void {
  const details = (event.target as Element).closest('details');
  details?.removeAttribute('open');
  details?.querySelector('summary')?.focus();
}

/**
 * The menu beside a participant: your own lets you rename yourself; a facilitator's, for someone
 * else, hands over the facilitator role, switches voter and observer, and removes them.
 */
function renderManage(ctx: RenderContext, p: Participant, isYou: boolean): TemplateResult | typeof nothing {
  const { strings, actions, you } = ctx;
  if (isYou) {
    const rename = (event: SubmitEvent) => {
      event.preventDefault();
      const input = (event.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement | null;
      const name = input?.value.trim() ?? '';
      if (name !== '' && name !== p.name) actions.rename(name);
      closeMenu(event);
    };
    return html`<details class="manage">
      <summary class="btn small quiet" aria-label=${strings.manageYourself}><span aria-hidden="true">⋯</span></summary>
      <form class="menu rename" @submit=${rename}>
        <label for="rename-input">${strings.yourName}</label>
        <input id="rename-input" name="name" type="text" maxlength="64" required .value=${p.name} autocomplete="name" />
        <button class="btn small" type="submit">${strings.rename}</button>
      </form>
    </details>`;
  }
  if (you?.role !== 'facilitator') return nothing;
  const run = (event: Event, action: () => void) => {
    action();
    closeMenu(event);
  };
  return html`<details class="manage">
    <summary class="btn small quiet" aria-label=${strings.manage(p.name)}><span aria-hidden="true">⋯</span></summary>
    <div class="menu">
      ${
        p.role === 'facilitator'
          ? nothing
          : html`<button class="btn small" @click=${(e: Event) => run(e, () => actions.transferFacilitator(p.id))}>${strings.makeFacilitator}</button>`
      }
      ${
        p.role === 'voter'
          ? html`<button class="btn small" @click=${(e: Event) => run(e, () => actions.setRole(p.id, 'observer'))}>${strings.makeObserver}</button>`
          : p.role === 'observer'
            ? html`<button class="btn small" @click=${(e: Event) => run(e, () => actions.setRole(p.id, 'voter'))}>${strings.makeVoter}</button>`
            : nothing
      }
      <button class="btn small danger" @click=${(e: Event) => run(e, () => actions.kick(p.id))}>${strings.kick}</button>
    </div>
  </details>`;
}

/** A participant's picture, or their initials on a colour of their own. */
export function renderAvatar(p: Participant): TemplateResult {
  if (p.avatarUrl) return html`<img class="avatar" part="avatar" src=${p.avatarUrl} alt="" loading="lazy" />`;
  return html`<span class="avatar c${colorIndexOf(p.id, AVATAR_COLORS)}" part="avatar" aria-hidden="true">${initialsOf(p.name)}</span>`;
}

function roleLabel(role: Role, strings: PokerRoomStrings): string {
  return role === 'facilitator'
    ? strings.roleFacilitator
    : role === 'observer'
      ? strings.roleObserver
      : strings.roleVoter;
}

function presenceLabel(p: Participant, strings: PokerRoomStrings): string {
  return p.presence === 'online'
    ? strings.presenceOnline
    : p.presence === 'away'
      ? strings.presenceAway
      : strings.presenceOffline;
}
