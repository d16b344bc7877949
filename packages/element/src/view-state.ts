import type {
  Card,
  Participant,
  ProtocolVersion,
  RoomSnapshot,
  Round,
  Statistics,
  Story,
} from '@pokerroom/protocol';

/**
 * Where the connection is: `idle` before the element has what it needs to connect, `connecting`
 * for the first connection, `open`, `reconnecting` after a drop (commands are queued meanwhile),
 * `closed` for good (kicked, room closed, token refused: see {@link RoomView.closedReason}).
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * Why a connection closed for good: removed from the room, the room closed, a token the server
 * refused (missing, forged, for another room), a token that expired with no `getToken` to renew
 * it, a `getToken` that failed, or anything else.
 */
export type ClosedReason = 'kicked' | 'room-closed' | 'token' | 'token-expired' | 'token-fetch' | 'other';

/**
 * Everything `<poker-room>` renders: the room as the SDK holds it, plus what only this viewer
 * knows. Rendering is a pure function of this value and the strings.
 */
export interface RoomView {
  readonly room: RoomSnapshot | null;
  readonly you: Participant | null;
  /** Your vote in the open round as the server has it. */
  readonly yourVote: string | null;
  readonly status: ConnectionStatus;
  readonly closedReason: ClosedReason | null;
  /** A vote sent but not yet acknowledged: a card, or `null` for a retraction; `undefined` when none. */
  readonly pendingVote: string | null | undefined;
  /** The protocol version the connection speaks (2, or 1 against a v1-only server); `null` before it connects. */
  readonly protocolVersion: ProtocolVersion | null;
}

/** The view before anything is known. */
export const EMPTY_VIEW: RoomView = {
  room: null,
  you: null,
  yourVote: null,
  status: 'idle',
  closedReason: null,
  pendingVote: undefined,
  protocolVersion: null,
};

/** The card the viewer appears to have chosen: the pending one while it is in flight. */
export function shownVote(view: RoomView): string | null {
  return view.pendingVote === undefined ? view.yourVote : view.pendingVote;
}

/** The story of the current round, if any. */
export function currentStory(room: RoomSnapshot): Story | null {
  const id = room.round?.storyId ?? null;
  if (id !== null) return room.stories.find((story) => story.id === id) ?? null;
  return room.stories.find((story) => story.status === 'active') ?? null;
}

/** The story the header shows: the current one, or before any round the first one up next. */
export function headlineStory(room: RoomSnapshot): Story | null {
  if (room.round !== null) return currentStory(room);
  return currentStory(room) ?? room.stories.find((story) => story.status === 'pending') ?? null;
}

/** The first story still waiting for an estimate, other than the current one. */
export function nextPendingStory(room: RoomSnapshot): Story | null {
  const current = currentStory(room);
  return room.stories.find((story) => story.status === 'pending' && story.id !== current?.id) ?? null;
}

/**
 * The story a skip moves to: the first pending one after the current story in the queue, else
 * the first pending one before it, so skipping again never goes back to a story just skipped
 * while later ones wait.
 */
export function storyAfterCurrent(room: RoomSnapshot): Story | null {
  const current = currentStory(room);
  const at = room.stories.findIndex((story) => story.id === current?.id);
  const pending = (story: Story) => story.status === 'pending' && story.id !== current?.id;
  return (
    room.stories.slice(at + 1).find(pending) ?? room.stories.slice(0, Math.max(at, 0)).find(pending) ?? null
  );
}

/** Whether someone votes: voters, and facilitators who haven't chosen to run the room without voting. */
export function votes(p: Participant): boolean {
  return p.role !== 'observer' && p.votes !== false;
}

/** Participants who vote, present or not. */
export function votersOf(room: RoomSnapshot): Participant[] {
  return room.participants.filter(votes);
}

/**
 * Whether the viewer may choose whether they vote: facilitators, on a connection that speaks
 * protocol v2 (v1 has no `participant.votes`).
 */
export function canChooseVoting(view: RoomView): boolean {
  return view.you?.role === 'facilitator' && (view.protocolVersion ?? 1) >= 2;
}

/** Voters who are online and haven't voted in the open round. */
export function waitingVoters(room: RoomSnapshot): Participant[] {
  const round = room.round;
  if (round === null || round.status !== 'voting') return [];
  return votersOf(room).filter((p) => p.presence !== 'offline' && !round.voted.includes(p.id));
}

/** Whether the viewer may reveal the open round. */
export function canReveal(view: RoomView): boolean {
  const { room, you } = view;
  if (room === null || you === null || room.round?.status !== 'voting') return false;
  if (you.role === 'facilitator') return true;
  return you.role === 'voter' && room.settings.revealPolicy === 'voters';
}

/** The deck card with a label, if it is one. */
export function cardOf(room: RoomSnapshot, label: string): Card | undefined {
  return room.deck.cards.find((card) => card.label === label);
}

/** The voters at each end of a revealed round, named; empty when everyone agrees or votes are anonymous. */
export interface Outliers {
  readonly highest: { readonly card: string; readonly names: string[] } | null;
  readonly lowest: { readonly card: string; readonly names: string[] } | null;
}

/** Finds who voted highest and lowest, so the team can hear their reasons. */
export function findOutliers(room: RoomSnapshot, round: Round): Outliers {
  const stats = round.stats;
  if (round.anonymous || stats === undefined || stats.spread === null || stats.spread === 0) {
    return { highest: null, lowest: null };
  }
  const nameOf = (id: string | undefined) => room.participants.find((p) => p.id === id)?.name ?? '?';
  const pick = (value: number | null) => {
    if (value === null) return null;
    const votes = (round.votes ?? []).filter((vote) => cardOf(room, vote.card)?.value === value);
    const first = votes[0];
    if (first === undefined) return null;
    return { card: first.card, names: votes.map((vote) => nameOf(vote.participantId)) };
  };
  return { highest: pick(stats.max), lowest: pick(stats.min) };
}

/** The largest bar of the distribution, for scaling the chart. */
export function tallestBar(stats: Statistics): number {
  return Math.max(
    1,
    ...stats.distribution.map((entry) => entry.count),
    ...stats.nonNumeric.map((e) => e.count),
  );
}

/** Up to two initials of a name, for avatars: first and last word. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const initial = (word: string | undefined) => Array.from(word ?? '')[0] ?? '';
  if (words.length === 0) return '?';
  const letters =
    words.length === 1 ? initial(words[0]) : initial(words[0]) + initial(words[words.length - 1]);
  return letters.toUpperCase();
}

/** A stable avatar colour index for a participant. */
export function colorIndexOf(id: string, colors: number): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) | 0;
  return Math.abs(hash) % colors;
}

/** A card label as drawn: `☕` asks for its emoji form, which some fonts only give on request. */
export function drawLabel(label: string): string {
  return label === '☕' ? '☕\uFE0F' : label;
}

/** A number as people read it in results: at most one decimal. */
export function formatNumber(value: number | null): string {
  if (value === null) return '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}

/** Seconds as `m:ss`. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
