import type {
  DeckKind,
  Participant,
  RoomSettings,
  RoomSnapshot,
  Story,
  StoryInput,
} from '@pokerroom/protocol';
import type { StoryQueue } from '../story-queue.js';
import type { PokerRoomStrings } from '../strings.js';
import type { RoomView } from '../view-state.js';

/** What the viewer can ask for; the element turns each into an SDK command. */
export interface RoomActions {
  vote(card: string): void;
  retractVote(): void;
  reveal(): void;
  startRound(storyId: string | null): void;
  resetRound(): void;
  finalize(estimate: string): void;
  nudge(): void;
  addStory(title: string): void;
  /** Appends pasted stories (in commands of at most `LIMITS.maxImportStories`); `true` once all are in. */
  importStories(stories: StoryInput[]): Promise<boolean>;
  /** Edits a story; `true` once the server accepted the change. */
  updateStory(
    storyId: string,
    changes: { title?: string; url?: string; description?: string },
  ): Promise<boolean>;
  removeStory(story: Story): void;
  /** Puts the queue in a new order; `true` once the server accepted it. */
  reorderStories(storyIds: string[]): Promise<boolean>;
  /** Leaves the current story pending and opens the round on the next pending one. */
  skipStory(storyId: string): void;
  /** Shows a problem the element found itself (not a refused command) as a notice. */
  notify(message: string): void;
  updateRoom(patch: { name?: string; deck?: { kind: DeckKind }; settings?: Partial<RoomSettings> }): void;
  kick(participantId: string): void;
  /** Renames the viewer, or (for a facilitator) someone else. */
  rename(name: string, participantId?: string): void;
  /** Makes someone a voter or an observer (facilitators). */
  setRole(participantId: string, role: 'voter' | 'observer'): void;
  transferFacilitator(participantId: string): void;
  /** A facilitator chooses whether they vote themselves. */
  setVoting(votes: boolean): void;
  startTimer(seconds: number): void;
  stopTimer(): void;
  react(emoji: string): void;
  dismissNudge(): void;
  retry(): void;
}

/** Transient things the element shows that aren't room state. */
export interface TransientUi {
  /** The latest reaction of each participant, shown for a few seconds. */
  readonly reactions: ReadonlyMap<string, { readonly emoji: string; readonly key: number }>;
  /** Who nudged the viewer, while the notice is shown. */
  readonly nudgedBy: string | null;
  /** The last refused command, while the notice is shown. */
  readonly error: string | null;
  /** The clock, for the timer. */
  readonly now: number;
}

/** Everything a render module needs. */
export interface RenderContext {
  readonly view: RoomView;
  readonly room: RoomSnapshot;
  readonly you: Participant | null;
  readonly strings: PokerRoomStrings;
  readonly presenter: boolean;
  readonly ui: TransientUi;
  readonly actions: RoomActions;
  /** The facilitator's edits, drags and pending order of the story queue. */
  readonly queue: StoryQueue;
}

/** The emoji offered as reactions. */
export const REACTIONS = ['👍', '🎉', '🤔', '☕', '🔥'] as const;
