import { LIMITS } from '@pokerroom/protocol';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { announcementFor } from './announce.js';
import type { RenderContext, RoomActions, TransientUi } from './render/context.js';
import { renderDeck } from './render/deck.js';
import { renderHeader } from './render/header.js';
import { renderParticipants } from './render/participants.js';
import { renderResults } from './render/results.js';
import { renderRoundActions } from './render/round-actions.js';
import { renderSettings } from './render/settings.js';
import { renderNotice, renderStatusBanner, statusMessage } from './render/status-banner.js';
import { renderStories } from './render/stories.js';
import { RoomController } from './room-controller.js';
import { StoryQueue } from './story-queue.js';
import { DEFAULT_STRINGS, type PokerRoomStrings, resolveStrings } from './strings.js';
import { baseStyles } from './styles/base.js';
import { layoutStyles } from './styles/layout.js';
import { partStyles } from './styles/parts.js';
import { resultStyles } from './styles/results.js';
import { themeStyles } from './styles/theme.js';
import type { RoomView } from './view-state.js';

const REACTION_MS = 3500;
const NOTICE_MS = 6000;

/**
 * A complete planning poker room: participants, the deck, the reveal with statistics, the story
 * queue and the facilitator's controls, live over the Poker Room realtime API.
 *
 * @example
 * ```html
 * <script type="module" src="https://poker.example.com/element.js"></script>
 * <poker-room server="https://poker.example.com" token="eyJhbGciOi…"></poker-room>
 * ```
 *
 * @fires pokerroom-vote - The server accepted your vote (`detail.card`, `null` when taken back).
 * @fires pokerroom-reveal - A round was revealed: `detail.votes` and `detail.stats`.
 * @fires pokerroom-finalize - A round closed with a final estimate: `detail.estimate`, `detail.storyId`.
 * @fires pokerroom-round - A new round opened (or was reset for a re-vote).
 * @fires pokerroom-status - The connection changed: `detail.status` is `connecting`, `open`, `reconnecting` or `closed`.
 * @fires pokerroom-error - A command you sent was refused: `detail.code`, `detail.message`.
 *
 * @csspart room - The element's outer box.
 * @csspart status - The connection banner.
 * @csspart notice - A dismissible notice (a nudge, a refused command).
 * @csspart header - The room name, the current story, the round's status and timer.
 * @csspart timer - The round countdown.
 * @csspart round-actions - Reveal, vote again, next story, nudge and timer buttons.
 * @csspart main - The main column.
 * @csspart sidebar - The side column: stories and settings.
 * @csspart participants - The participant list.
 * @csspart participant - One participant.
 * @csspart avatar - A participant's picture or initials.
 * @csspart vote-card - The small card beside a participant: face down, empty, or revealed.
 * @csspart deck - The viewer's cards.
 * @csspart card - One card of the deck.
 * @csspart card-selected - The card the viewer voted (not in presenter mode).
 * @csspart pending-vote - The note shown while a vote waits for the server.
 * @csspart voting-switch - A facilitator's "I vote" switch (`aria-pressed`), on v2 connections.
 * @csspart not-voting - What a facilitator who doesn't vote reads in place of the deck.
 * @csspart results - The reveal: figures, chart, outliers, final estimate.
 * @csspart consensus - The consensus highlight.
 * @csspart figures - Average, median, mode, spread, agreement.
 * @csspart chart - The distribution bars.
 * @csspart outliers - Who voted highest and lowest.
 * @csspart finalize - The facilitator's final-estimate form.
 * @csspart final-estimate - The final estimate once saved.
 * @csspart stories - The story queue.
 * @csspart story - One story of the queue.
 * @csspart story-import - The facilitator's "Import a list…" form.
 * @csspart settings - The facilitator's room settings.
 * @csspart reactions - The emoji reaction bar.
 *
 * @cssprop --pr-font - Font family.
 * @cssprop --pr-bg - Background of the element.
 * @cssprop --pr-surface - Background of panels and cards.
 * @cssprop --pr-surface-2 - Subtle fills: badges, bar tracks, empty slots.
 * @cssprop --pr-text - Main text colour.
 * @cssprop --pr-muted - Secondary text colour.
 * @cssprop --pr-border - Borders.
 * @cssprop --pr-accent - Accent: primary buttons, the selected card, the mode's bar.
 * @cssprop --pr-on-accent - Text on the accent colour.
 * @cssprop --pr-accent-soft - Soft accent fill.
 * @cssprop --pr-accent-text - Accent-coloured text on light fills.
 * @cssprop --pr-success - Consensus and estimated stories.
 * @cssprop --pr-success-soft - Soft success fill.
 * @cssprop --pr-warning - Reconnecting banner, urgent timer.
 * @cssprop --pr-warning-soft - Soft warning fill.
 * @cssprop --pr-danger - Errors and removal.
 * @cssprop --pr-danger-soft - Soft danger fill.
 * @cssprop --pr-focus - Focus ring colour.
 * @cssprop --pr-radius - Corner radius of panels.
 * @cssprop --pr-radius-small - Corner radius of cards and inputs.
 * @cssprop --pr-card-width - Width of a deck card.
 * @cssprop --pr-card-height - Height of a deck card.
 * @cssprop --pr-gap - Space between panels.
 * @cssprop --pr-shadow - Shadow of panels.
 * @cssprop --pr-shadow-raised - Shadow of the selected card.
 *
 * @hideconstructor
 */
@customElement('poker-room')
export class PokerRoomElement extends LitElement {
  /** The element's styles: theme custom properties first, so host pages can override them. */
  static override styles = [themeStyles, baseStyles, layoutStyles, partStyles, resultStyles];

  /** The Poker Room service's base URL, e.g. `https://poker.example.com`. */
  @property({ reflect: true }) accessor server: string | null = null;

  /** A participant token minted by your backend (`POST /v1/rooms/{id}/tokens`). */
  @property() accessor token: string | null = null;

  /** The room id; read from the token when absent. */
  @property({ reflect: true }) accessor room: string | null = null;

  /** Fetches a fresh token: used when `token` is absent and whenever the token has expired. */
  @property({ attribute: false }) accessor getToken: (() => string | Promise<string>) | null = null;

  /** `light` or `dark`; follows the system's `prefers-color-scheme` when absent. */
  @property({ reflect: true }) accessor theme: 'light' | 'dark' | null = null;

  /** Presenter mode, for a shared screen: your own selected card stays hidden until the reveal. */
  @property({ type: Boolean, reflect: true }) accessor presenter = false;

  /** Overrides for any visible string; see {@link PokerRoomStrings}. */
  @property({ attribute: false }) accessor strings: Partial<PokerRoomStrings> = {};

  @state() private accessor ui: TransientUi = {
    reactions: new Map(),
    nudgedBy: null,
    error: null,
    now: Date.now(),
  };
  @state() private accessor deckFocus: number | null = null;
  @state() private accessor finalizeDraft: { roundId: string; value: string } | null = null;
  @state() private accessor announcement = '';

  readonly #controller = new RoomController(this, {
    onReaction: (participantId, emoji) => this.#showReaction(participantId, emoji),
    onNudge: (fromId) => {
      const from = this.#controller.view.room?.participants.find((p) => p.id === fromId)?.name ?? '';
      this.#notice({ nudgedBy: from });
      this.#announce(this.#strings.nudged(from));
    },
    onCommandError: (error) => this.#notice({ error: this.#strings.commandFailed(error.message) }),
  });
  readonly #queue = new StoryQueue(this, {
    reorder: (storyIds) => this.#controller.attempt((room) => room.reorderStories(storyIds)),
    moved: (story, position, count) =>
      this.#announce(this.#strings.announceMoved(story.title, position, count)),
  });
  #strings: PokerRoomStrings = DEFAULT_STRINGS;
  #previous: RoomView | null = null;
  #tick: ReturnType<typeof setInterval> | undefined;
  /** The end of the timer the clock ticks for, `null` when none runs. */
  #clockFor: number | null = null;
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  #reactionKey = 0;
  #focusDeck = false;
  /**
   * Where focus goes once a facilitator's action shows its effect: the button pressed is gone by
   * then (Reveal, Save estimate, Next story), and focus must not fall to `<body>`.
   */
  #focusAfter: { readonly done: (view: RoomView) => boolean; readonly targets: readonly string[] } | null =
    null;
  /** Whether focus was inside the element before the last render. */
  #hadFocus = false;

  /** The room as the element last rendered it (read-only; for host pages and tests). */
  get view(): RoomView {
    return this.#controller.view;
  }

  /** Lit's lifecycle: not part of the element's API. @internal */
  override connectedCallback(): void {
    super.connectedCallback();
    this.#configure();
  }

  /** Lit's lifecycle: not part of the element's API. @internal */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#tick);
    this.#tick = undefined;
    this.#clockFor = null;
    clearTimeout(this.#noticeTimer);
  }

  /** Lit's lifecycle: not part of the element's API. @internal */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings')) this.#strings = resolveStrings(this.strings);
    if (changed.has('server') || changed.has('token') || changed.has('room') || changed.has('getToken'))
      this.#configure();
    const view = this.#controller.view;
    const text = announcementFor(this.#previous, view, this.#strings, statusMessage);
    if (text !== null) this.#announce(text);
    const roundId = view.room?.round?.id;
    if (this.#previous?.room?.round?.id !== roundId) this.deckFocus = null;
    this.#syncClock(view.room?.timer?.endsAt ?? null);
    this.#previous = view;
    this.#hadFocus = this.shadowRoot?.activeElement != null;
  }

  /** Lit's lifecycle: not part of the element's API. @internal */
  protected override updated(): void {
    if (this.#focusDeck) {
      this.#focusDeck = false;
      this.renderRoot.querySelector<HTMLElement>('.deck [tabindex="0"]')?.focus();
    }
    const after = this.#focusAfter;
    if (after?.done(this.#controller.view)) {
      this.#focusAfter = null;
      this.#focusFirst(after.targets);
    } else if (this.#hadFocus && this.shadowRoot?.activeElement == null && isBodyFocused()) {
      // Whatever had focus went away with this render: keep the reader in the room, at its story.
      this.#focusFirst(['#story-title']);
    }
  }

  #focusFirst(selectors: readonly string[]): void {
    for (const selector of selectors) {
      const target = this.renderRoot.querySelector<HTMLElement>(selector);
      if (target !== null) {
        target.focus();
        return;
      }
    }
  }

  /** Runs a facilitator's round action; focus moves to `targets` once `done` holds. */
  #roundAction(
    command: Parameters<RoomController['run']>[0],
    done: (view: RoomView, before: string | undefined) => boolean,
    targets: readonly string[],
  ): void {
    const before = this.#controller.view.room?.round?.id;
    this.#focusAfter = { done: (view) => done(view, before), targets };
    this.#controller.run(command);
  }

  #configure(): void {
    if (!this.isConnected) return;
    this.#controller.configure({
      server: this.server,
      token: this.token,
      getToken: this.getToken,
      room: this.room,
    });
  }

  /**
   * Keeps `ui.now` ticking while a timer runs. A timer that starts (or is replaced) reads the clock
   * at once: `now` is otherwise as old as the last tick, and the countdown would first show more
   * time than the timer has.
   */
  #syncClock(endsAt: number | null): void {
    if (endsAt === this.#clockFor) return;
    this.#clockFor = endsAt;
    clearInterval(this.#tick);
    this.#tick = undefined;
    if (endsAt === null) return;
    this.ui = { ...this.ui, now: Date.now() };
    this.#tick = setInterval(() => {
      this.ui = { ...this.ui, now: Date.now() };
    }, 1000);
  }

  #announce(text: string): void {
    // A changed string is what makes screen readers speak again; repeat texts get a zero-width space.
    this.announcement = text === this.announcement.replace(/\u200b$/, '') ? `${text}\u200b` : text;
  }

  #notice(patch: Partial<Pick<TransientUi, 'nudgedBy' | 'error'>>): void {
    this.ui = { ...this.ui, ...patch };
    clearTimeout(this.#noticeTimer);
    this.#noticeTimer = setTimeout(() => {
      this.ui = { ...this.ui, nudgedBy: null, error: null };
    }, NOTICE_MS);
  }

  #showReaction(participantId: string, emoji: string): void {
    const key = ++this.#reactionKey;
    const reactions = new Map(this.ui.reactions).set(participantId, { emoji, key });
    this.ui = { ...this.ui, reactions };
    const name = this.#controller.view.room?.participants.find((p) => p.id === participantId)?.name ?? '';
    this.#announce(this.#strings.reacted(name, emoji));
    setTimeout(() => {
      if (this.ui.reactions.get(participantId)?.key !== key) return;
      const rest = new Map(this.ui.reactions);
      rest.delete(participantId);
      this.ui = { ...this.ui, reactions: rest };
    }, REACTION_MS);
  }

  readonly #actions: RoomActions = {
    vote: (card) => this.#controller.vote(card),
    retractVote: () => this.#controller.vote(null),
    reveal: () =>
      this.#roundAction(
        (room) => room.reveal(),
        (view) => view.room?.round?.status === 'revealed',
        ['#final-estimate', '#results-heading'],
      ),
    startRound: (storyId) =>
      this.#roundAction((room) => room.newRound(storyId ?? undefined), newRoundOpen, [
        '.deck [tabindex="0"]',
        '#story-title',
      ]),
    resetRound: () =>
      this.#roundAction((room) => room.resetRound(), newRoundOpen, ['.deck [tabindex="0"]', '#story-title']),
    finalize: (estimate) =>
      this.#roundAction(
        (room) => room.finalize(estimate),
        (view) => view.room?.round?.status === 'finalized',
        ['[data-action=next]', '#story-title'],
      ),
    nudge: () => this.#controller.run((room) => room.nudge()),
    addStory: (title) => this.#controller.run((room) => room.addStory({ title })),
    importStories: async (stories) => {
      // One command per chunk the protocol takes, in order, stopping at the first refusal.
      for (let start = 0; start < stories.length; start += LIMITS.maxImportStories) {
        const chunk = stories.slice(start, start + LIMITS.maxImportStories);
        if (!(await this.#controller.attempt((room) => room.importStories(chunk)))) return false;
      }
      this.#announce(this.#strings.announceImported(stories.length));
      return true;
    },
    updateStory: (storyId, changes) => this.#controller.attempt((room) => room.updateStory(storyId, changes)),
    removeStory: (story) => {
      void this.#controller
        .attempt((room) => room.removeStory(story.id))
        .then((done) => {
          if (done) this.#announce(this.#strings.announceRemoved(story.title));
        });
    },
    reorderStories: (storyIds) => this.#controller.attempt((room) => room.reorderStories(storyIds)),
    skipStory: (storyId) =>
      this.#roundAction((room) => room.newRound(storyId), newRoundOpen, [
        '.deck [tabindex="0"]',
        '#story-title',
      ]),
    notify: (message) => this.#notice({ error: message }),
    updateRoom: (patch) => this.#controller.run((room) => room.updateRoom(patch)),
    kick: (id) => this.#controller.run((room) => room.kick(id)),
    rename: (name, id) => this.#controller.run((room) => room.rename(name, id)),
    setRole: (id, role) => this.#controller.run((room) => room.setRole(id, role)),
    transferFacilitator: (id) => this.#controller.run((room) => room.transferFacilitator(id)),
    // The switch is redrawn in the deck's other form: focus follows it there.
    setVoting: (votes) =>
      this.#roundAction(
        (room) => room.setVoting(votes),
        (view) => (view.you?.votes !== false) === votes,
        ['[data-action=voting]'],
      ),
    startTimer: (seconds) => this.#controller.run((room) => room.startTimer(seconds)),
    stopTimer: () => this.#controller.run((room) => room.stopTimer()),
    react: (emoji) => this.#controller.run((room) => room.react(emoji)),
    dismissNudge: () => {
      this.ui = { ...this.ui, nudgedBy: null, error: null };
    },
    retry: () => this.#controller.retry(),
  };

  /** Lit's lifecycle: not part of the element's API. @internal */
  protected override render(): TemplateResult {
    const view = this.#controller.view;
    const strings = this.#strings;
    return html`<div part="room" class="room" role="region" aria-label=${view.room?.name || strings.roomLabel}>
      ${renderStatusBanner(view, strings, this.#actions.retry)}
      ${renderNotice(this.ui.nudgedBy === null ? null : strings.nudged(this.ui.nudgedBy), 'accent', strings.dismiss, this.#actions.dismissNudge)}
      ${renderNotice(this.ui.error, 'danger', strings.dismiss, this.#actions.dismissNudge)}
      ${view.room === null ? this.#renderSkeleton() : this.#renderRoom(view)}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }

  #renderRoom(view: RoomView): TemplateResult {
    const room = view.room;
    if (room === null) return html``;
    const ctx: RenderContext = {
      view,
      room,
      you: view.you,
      strings: this.#strings,
      presenter: this.presenter,
      ui: this.ui,
      actions: this.#actions,
      queue: this.#queue,
    };
    const round = room.round;
    const draftValue =
      this.finalizeDraft !== null && this.finalizeDraft.roundId === round?.id
        ? this.finalizeDraft.value
        : null;
    return html`<div class="layout">
      <div class="main" part="main">
        <div class="stage panel">${renderHeader(ctx)} ${renderRoundActions(ctx)}</div>
        ${renderResults(ctx, {
          value: draftValue,
          set: (value) => {
            if (round) this.finalizeDraft = { roundId: round.id, value };
          },
        })}
        ${renderDeck(ctx, {
          index: this.deckFocus,
          move: (index) => {
            this.deckFocus = index;
            this.#focusDeck = true;
          },
        })}
        ${renderParticipants(ctx)}
      </div>
      <aside class="side" part="sidebar" aria-label=${this.#strings.storiesHeading}>${renderStories(ctx)} ${renderSettings(ctx)}</aside>
    </div>`;
  }

  #renderSkeleton(): TemplateResult | typeof nothing {
    if (this.#controller.view.status === 'idle' || this.#controller.view.status === 'closed') return nothing;
    return html`<div class="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>`;
  }
}

/** A new round (another id than `before`) is open for votes. */
function newRoundOpen(view: RoomView, before: string | undefined): boolean {
  const round = view.room?.round;
  return round?.status === 'voting' && round.id !== before;
}

function isBodyFocused(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body;
}

declare global {
  interface HTMLElementTagNameMap {
    'poker-room': PokerRoomElement;
  }
}
