import { connect, type PokerRoomError, type Room, type RoomState } from '@pokerroom/client';
import type { DeckKind, RoomSettings } from '@pokerroom/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pokerRoomEvent } from './events.js';
import { roomOfToken, roomSocketUrl } from './token.js';
import { type ClosedReason, type ConnectionStatus, EMPTY_VIEW, type RoomView } from './view-state.js';

/** Where to connect: the element's `server`, `token`/`getToken` and optional `room`. */
export interface ConnectionInput {
  readonly server: string | null;
  readonly token: string | null;
  readonly getToken: (() => string | Promise<string>) | null;
  readonly room: string | null;
}

/** What the controller tells the element beyond the view: reactions, nudges, refused commands. */
export interface ControllerCallbacks {
  onReaction(participantId: string, emoji: string): void;
  onNudge(fromId: string): void;
  onCommandError(error: { code: string; message: string; retryable: boolean }): void;
}

const RETRY_MS = 3000;

/**
 * The one place `<poker-room>` talks to the SDK: connects with the element's inputs, folds the
 * SDK's state into a {@link RoomView}, sends commands, and turns room events into DOM events.
 */
export class RoomController implements ReactiveController {
  view: RoomView = EMPTY_VIEW;
  #room: Room | null = null;
  #generation = 0;
  #input: ConnectionInput | null = null;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #offs: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly callbacks: ControllerCallbacks,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#teardown();
    this.#input = null;
  }

  /** Connects (again) when the inputs changed; a no-op when they are the same. */
  configure(input: ConnectionInput): void {
    const same =
      this.#input !== null &&
      this.#input.server === input.server &&
      this.#input.token === input.token &&
      this.#input.room === input.room &&
      this.#input.getToken === input.getToken;
    if (same) return;
    this.#input = input;
    this.#teardown();
    void this.#open(input);
  }

  /** Tries again after a connection that ended for a reason worth retrying. */
  retry(): void {
    const input = this.#input;
    if (input === null) return;
    this.#teardown();
    void this.#open(input);
  }

  async #open(input: ConnectionInput): Promise<void> {
    const generation = ++this.#generation;
    const fetched = input.token === null && input.getToken ? await fetchToken(input.getToken) : null;
    if (generation !== this.#generation) return;
    if (fetched !== null && 'failed' in fetched) {
      // Not the hint for a missing attribute: the attribute is there, the host page's function failed.
      this.#fail({ code: 'token_fetch_failed', message: fetched.failed, retryable: true }, 'token-fetch');
      return;
    }
    const token = input.token ?? fetched?.token ?? null;
    const roomId = input.room ?? (token === null ? null : roomOfToken(token));
    if (input.server === null || token === null || roomId === null) {
      this.#set({ ...EMPTY_VIEW, status: 'idle' });
      return;
    }
    this.#set({ ...this.view, status: this.view.room === null ? 'connecting' : 'reconnecting' });
    try {
      const room = await connect({
        url: roomSocketUrl(input.server, roomId),
        token,
        ...(input.getToken ? { getToken: input.getToken } : {}),
        reconnect: { maxAttempts: Number.POSITIVE_INFINITY },
      });
      if (generation !== this.#generation) {
        room.close();
        return;
      }
      this.#attach(room);
    } catch (error) {
      if (generation !== this.#generation) return;
      const reason = closedReasonOf(error);
      if (reason === 'other' && isRetryable(error)) {
        this.#set({ ...this.view, status: this.view.room === null ? 'connecting' : 'reconnecting' });
        this.#retry = setTimeout(() => this.#open(input), RETRY_MS);
      } else {
        this.#fail(errorDetail(error), reason);
      }
    }
  }

  /** Closes for good with this reason, and tells the host page why (`pokerroom-error`). */
  #fail(detail: { code: string; message: string; retryable: boolean }, reason: ClosedReason): void {
    this.#set({ ...this.view, status: 'closed', closedReason: reason });
    this.#emit('pokerroom-error', detail);
  }

  #attach(room: Room): void {
    this.#room = room;
    this.#fold(room.state);
    this.#offs = [
      room.on('state', (state) => this.#fold(state)),
      room.on('status', (_status, error) => {
        if (room.state.status !== 'closed') return;
        if (error === undefined) this.#set({ ...this.view, status: 'closed', closedReason: 'other' });
        else this.#fail(errorDetail(error), closedReasonOf(error));
      }),
      room.on('reveal', (event, state) => {
        this.#emit('pokerroom-reveal', {
          roundId: event.d.roundId,
          storyId: state.round?.storyId ?? null,
          votes: event.d.votes,
          stats: event.d.stats,
        });
      }),
      room.on('round', (event) => {
        if (event.t === 'round.finalized') {
          const { roundId, storyId, estimate } = event.d;
          this.#emit('pokerroom-finalize', { roundId, storyId, estimate });
        } else {
          this.#emit('pokerroom-round', { roundId: event.d.round.id, storyId: event.d.round.storyId });
        }
      }),
      room.on('reaction', (reaction) => this.callbacks.onReaction(reaction.participantId, reaction.emoji)),
      room.on('nudge', (nudge) => {
        if (nudge.you) this.callbacks.onNudge(nudge.from);
      }),
    ];
  }

  #fold(state: RoomState): void {
    const status = statusOf(state.status);
    this.#set({
      ...this.view,
      room: state,
      you: state.you,
      yourVote: state.yourVote,
      protocolVersion: this.#room?.protocolVersion ?? null,
      status,
      closedReason: status === 'closed' ? this.view.closedReason : null,
    });
  }

  #set(view: RoomView): void {
    const previous = this.view.status;
    this.view = view;
    this.host.requestUpdate();
    if (previous !== view.status) {
      this.#emit('pokerroom-status', { status: view.status, previous, reason: view.closedReason });
    }
  }

  #emit<K extends Parameters<typeof pokerRoomEvent>[0]>(
    type: K,
    detail: Parameters<typeof pokerRoomEvent<K>>[1],
  ): void {
    this.host.dispatchEvent(pokerRoomEvent(type, detail));
  }

  #teardown(): void {
    this.#generation++;
    clearTimeout(this.#retry);
    for (const off of this.#offs) off();
    this.#offs = [];
    this.#room?.close();
    this.#room = null;
  }

  /** Votes, showing the card as pending until the server acknowledges it (queued while offline). */
  vote(card: string | null): void {
    const room = this.#room;
    if (room === null) return;
    const roundId = room.state.round?.id ?? '';
    this.#set({ ...this.view, pendingVote: card });
    const sent = card === null ? room.retractVote() : room.vote(card);
    sent.then(
      () => {
        if (this.view.pendingVote === card) this.#set({ ...this.view, pendingVote: undefined });
        this.#emit('pokerroom-vote', { roundId, card });
      },
      (error: unknown) => {
        if (this.view.pendingVote === card) this.#set({ ...this.view, pendingVote: undefined });
        this.#failed(error);
      },
    );
  }

  /** Sends any other command; a refusal is reported, never thrown. */
  run(command: (room: Room) => Promise<unknown>): void {
    const room = this.#room;
    if (room === null) return;
    command(room).catch((error: unknown) => this.#failed(error));
  }

  /** Sends a command and says whether the server accepted it; a refusal is reported as by {@link run}. */
  attempt(command: (room: Room) => Promise<unknown>): Promise<boolean> {
    const room = this.#room;
    if (room === null) return Promise.resolve(false);
    return command(room).then(
      () => true,
      (error: unknown) => {
        this.#failed(error);
        return false;
      },
    );
  }

  #failed(error: unknown): void {
    const detail = errorDetail(error);
    if (detail.code === 'closed') return;
    this.#emit('pokerroom-error', detail);
    this.callbacks.onCommandError(detail);
  }
}

/** A room patch as the settings form makes it. */
export type RoomPatch = { name?: string; deck?: { kind: DeckKind }; settings?: Partial<RoomSettings> };

function statusOf(status: RoomState['status']): ConnectionStatus {
  return status === 'connected' ? 'open' : status;
}

/** What `pokerroom-error` says about an error of the SDK (or anything thrown). */
function errorDetail(error: unknown): { code: string; message: string; retryable: boolean } {
  const { code, message, retryable } = (error ?? {}) as Partial<PokerRoomError>;
  return {
    code: String(code ?? 'internal'),
    message: String(message ?? error),
    retryable: retryable === true,
  };
}

function closedReasonOf(error: unknown): ClosedReason {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'kicked') return 'kicked';
  if (code === 'room_closed' || code === 'room_not_found') return 'room-closed';
  if (code === 'token_expired') return 'token-expired';
  if (code === 'token_invalid' || code === 'token_missing' || code === 'forbidden' || code === 'wrong_room') {
    return 'token';
  }
  return 'other';
}

function isRetryable(error: unknown): boolean {
  return (error as { retryable?: unknown } | null)?.retryable !== false;
}

/** Calls the host page's `getToken`: its token, or what went wrong in words for the host page. */
async function fetchToken(
  getToken: () => string | Promise<string>,
): Promise<{ token: string } | { failed: string }> {
  try {
    const token: unknown = await getToken();
    if (typeof token === 'string' && token !== '') return { token };
    return { failed: `getToken returned ${token === '' ? 'an empty string' : typeof token}, not a token.` };
  } catch (error) {
    return { failed: `getToken failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
