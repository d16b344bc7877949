import type {
  AssignableRole,
  ClientCommandPayload,
  ClientCommandType,
  ProtocolVersion,
  StoryInput,
} from '@pokerroom/protocol';
import type { CommandResult } from './commands.js';
import type { Connection } from './connection.js';
import type { RoomEvents } from './events.js';
import type { RoomState } from './state.js';

/**
 * A connected room, as {@link connect} returns it: the state, its events, and a method per
 * command. Every command returns a promise that settles on the server's answer: it resolves
 * with the ack's result and rejects with a {@link PokerRoomError}. Commands issued while
 * reconnecting wait in order and are sent once the room has resumed.
 *
 * @example
 * ```ts
 * const room = await connect({ url, token, WebSocket });
 * room.on('reveal', (event) => console.log('median', event.d.stats.median));
 * await room.vote('5');
 * ```
 */
export class Room {
  readonly #connection: Connection;

  /** @internal Made by {@link connect}. */
  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /** The whole room now: an immutable snapshot, replaced on every change. */
  get state(): RoomState {
    return this.#connection.state;
  }

  /**
   * The protocol version of the current (or last) connection: the newest the server and this SDK
   * both speak — 2, or 1 against a server that only serves v1.
   */
  get protocolVersion(): ProtocolVersion {
    return this.#connection.version;
  }

  /**
   * Listens to an event; returns the function that stops listening.
   *
   * @example
   * ```ts
   * const off = room.on('state', (state) => render(state));
   * ```
   */
  on<K extends keyof RoomEvents>(type: K, listener: RoomEvents[K]): () => void {
    return this.#connection.events.on(type, listener);
  }

  /** Sends any protocol command by type; the typed methods below are shorthands for it. */
  send<T extends Exclude<ClientCommandType, 'resume'>>(
    t: T,
    d: ClientCommandPayload<T>,
  ): Promise<CommandResult> {
    return this.#connection.command(t, d);
  }

  /** Casts or changes your vote in the open round (`vote.cast`). Idempotent: re-sent after a drop if needed. */
  vote(card: string): Promise<CommandResult> {
    return this.send('vote.cast', { card });
  }

  /** Takes your vote back before the reveal (`vote.retract`). */
  retractVote(): Promise<CommandResult> {
    return this.send('vote.retract', {});
  }

  /** Opens a new round, optionally for a story of the queue (`round.start`). Facilitators. */
  newRound(storyId?: string | null): Promise<CommandResult> {
    return this.send('round.start', storyId === undefined ? {} : { storyId });
  }

  /** Shows every vote and the statistics (`round.reveal`). */
  reveal(): Promise<CommandResult> {
    return this.send('round.reveal', {});
  }

  /** Clears the votes for a re-vote on the same story (`round.reset`). Facilitators. */
  resetRound(): Promise<CommandResult> {
    return this.send('round.reset', {});
  }

  /** Closes the revealed round with the final estimate (`round.finalize`). Facilitators. */
  finalize(estimate: string): Promise<CommandResult> {
    return this.send('round.finalize', { estimate });
  }

  /** Reminds the voters who haven't voted (`round.nudge`). Facilitators. */
  nudge(): Promise<CommandResult> {
    return this.send('round.nudge', {});
  }

  /** Adds a story at the end of the queue (`story.add`); the result's `storyIds` has its id. */
  addStory(story: StoryInput): Promise<CommandResult> {
    return this.send('story.add', story);
  }

  /** Edits a story; only the given fields change (`story.update`). */
  updateStory(
    storyId: string,
    changes: Omit<ClientCommandPayload<'story.update'>, 'storyId'>,
  ): Promise<CommandResult> {
    return this.send('story.update', { ...changes, storyId });
  }

  /** Removes a story from the queue (`story.remove`). */
  removeStory(storyId: string): Promise<CommandResult> {
    return this.send('story.remove', { storyId });
  }

  /** Puts the queue in a new order (`story.reorder`). */
  reorderStories(storyIds: string[]): Promise<CommandResult> {
    return this.send('story.reorder', { storyIds });
  }

  /** Appends many stories at once (`story.import`); the result's `storyIds` lists them in order. */
  importStories(stories: StoryInput[]): Promise<CommandResult> {
    return this.send('story.import', { stories });
  }

  /** Changes the room's name, deck or settings (`room.update`). Facilitators. */
  updateRoom(changes: ClientCommandPayload<'room.update'>): Promise<CommandResult> {
    return this.send('room.update', changes);
  }

  /** Renames yourself, or (facilitators) someone else (`participant.rename`). */
  rename(name: string, participantId?: string): Promise<CommandResult> {
    return this.send('participant.rename', participantId === undefined ? { name } : { name, participantId });
  }

  /** Makes someone a voter or an observer (`participant.role`). Facilitators. */
  setRole(participantId: string, role: AssignableRole): Promise<CommandResult> {
    return this.send('participant.role', { participantId, role });
  }

  /**
   * Chooses whether you vote yourself, as a facilitator (`participant.votes`, protocol v2): with
   * `false` you run the room without voting, the round never waits for you, and a vote you cast in
   * the open round is taken back. Remembered for the room. Against a v1-only server it is refused
   * with `unknown_type`.
   *
   * @example
   * ```ts
   * await room.setVoting(false); // facilitate only
   * ```
   */
  setVoting(votes: boolean): Promise<CommandResult> {
    return this.send('participant.votes', { votes });
  }

  /** Removes someone from the room (`participant.kick`). Facilitators. */
  kick(participantId: string): Promise<CommandResult> {
    return this.send('participant.kick', { participantId });
  }

  /** Hands the facilitator role to someone else; you become a voter (`facilitator.transfer`). */
  transferFacilitator(participantId: string): Promise<CommandResult> {
    return this.send('facilitator.transfer', { participantId });
  }

  /** Starts a countdown for the open round (`timer.start`). Facilitators. */
  startTimer(seconds: number): Promise<CommandResult> {
    return this.send('timer.start', { seconds });
  }

  /** Stops the countdown (`timer.stop`). Facilitators. */
  stopTimer(): Promise<CommandResult> {
    return this.send('timer.stop', {});
  }

  /** Sends an emoji reaction to everyone in the room (`reaction.send`). */
  react(emoji: string): Promise<CommandResult> {
    return this.send('reaction.send', { emoji });
  }

  /** Round-trips to the server; the result's `serverTime` is its clock. The SDK pings by itself too. */
  ping(): Promise<CommandResult> {
    return this.send('ping', {});
  }

  /**
   * Leaves for good: closes the socket, stops reconnecting, and rejects every command not answered
   * yet with code `closed`. The participant stays in the room (offline after a grace period).
   */
  close(): void {
    this.#connection.close();
  }
}
