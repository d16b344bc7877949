/**
 * Every visible string of `<poker-room>`, in English. Pass a partial object to the element's
 * `strings` property to translate or reword any of them; the rest keep their English default.
 * Entries that take values are functions, so a translation can place and pluralise them.
 *
 * @example
 * ```ts
 * room.strings = { reveal: 'Aufdecken', votedCount: (voted, total) => `${voted} von ${total} haben gewählt` };
 * ```
 */
export interface PokerRoomStrings {
  /** The landmark label of the whole room. */
  roomLabel: string;
  untitledRoom: string;
  noStory: string;
  // connection
  statusConnecting: string;
  statusReconnecting: string;
  statusOffline: string;
  statusClosed: string;
  statusKicked: string;
  statusRoomClosed: string;
  statusTokenInvalid: string;
  /** The token expired and the element has no `getToken` to fetch a new one. */
  statusTokenExpired: string;
  /** The host page's `getToken` failed (rejected, or returned no token). */
  statusTokenFetchFailed: string;
  statusMissingConfig: string;
  retry: string;
  // participants
  participantsHeading: string;
  you: string;
  roleFacilitator: string;
  roleVoter: string;
  roleObserver: string;
  presenceOnline: string;
  presenceAway: string;
  presenceOffline: string;
  hasVoted: string;
  notVoted: string;
  /** `{voted} of {total} voted`. */
  votedCount: (voted: number, total: number) => string;
  manage: (name: string) => string;
  /** The label of the viewer's own menu. */
  manageYourself: string;
  kick: string;
  makeFacilitator: string;
  makeVoter: string;
  makeObserver: string;
  /** The name field of the viewer's own menu. */
  yourName: string;
  rename: string;
  // deck
  deckHeading: string;
  deckHint: string;
  yourVote: (card: string) => string;
  yourVoteHidden: string;
  votePending: (card: string) => string;
  votePendingOffline: (card: string) => string;
  retractVote: string;
  observerNotice: string;
  /** The facilitator's switch between voting and running the room without voting. */
  votingSwitch: string;
  /** What a facilitator who doesn't vote reads where the deck would be, and how to vote again. */
  notVotingNotice: string;
  /** Beside a facilitator who doesn't vote, in the participant list. */
  notVoting: string;
  waitingForRound: string;
  /** What a facilitator reads where voters read {@link waitingForRound}. */
  waitingForRoundFacilitator: string;
  /** A voter, after the reveal. */
  roundClosed: string;
  /** A facilitator, after the reveal. */
  roundClosedFacilitator: string;
  /** A voter, once the estimate is saved. */
  roundEstimateSaved: string;
  /** A facilitator, once the estimate is saved. */
  roundEstimateSavedFacilitator: string;
  cardUnsure: string;
  cardBreak: string;
  // round
  roundVoting: string;
  roundRevealed: string;
  roundFinalized: (estimate: string) => string;
  startRound: string;
  reveal: string;
  revote: string;
  nextStory: string;
  nudge: (count: number) => string;
  nudged: (from: string) => string;
  dismiss: string;
  timerRemaining: (time: string) => string;
  timerStart: string;
  timerStop: string;
  timerSeconds: string;
  // results
  resultsHeading: string;
  consensus: string;
  noConsensus: string;
  mean: string;
  median: string;
  mode: string;
  spread: string;
  agreement: string;
  distribution: string;
  votesHeading: string;
  anonymousVoter: string;
  noVotes: string;
  outliersHeading: string;
  highest: (names: string, card: string) => string;
  lowest: (names: string, card: string) => string;
  otherVotes: string;
  /** One bar of the distribution, for screen readers: `3 votes for 5`. */
  barLabel: (card: string, count: number) => string;
  finalEstimate: string;
  finalize: string;
  suggested: (card: string) => string;
  // live announcements
  announceRevealed: (summary: string) => string;
  announceConsensus: (card: string) => string;
  announceSummary: (count: number, median: string, mode: string) => string;
  announceNewRound: (story: string) => string;
  announceFinalized: (estimate: string) => string;
  announceStatus: (status: string) => string;
  /** The facilitator stopped voting. */
  announceVotingOff: string;
  /** The facilitator votes again. */
  announceVotingOn: string;
  // stories
  storiesHeading: string;
  storyActive: string;
  storyPending: string;
  storyEstimated: string;
  estimateStory: (title: string) => string;
  addStory: string;
  storyTitlePlaceholder: string;
  noStories: string;
  /** The visible hint above a facilitator's queue. */
  reorderHint: string;
  /** A story's drag handle. */
  moveStory: (title: string) => string;
  /** A story's menu button. */
  storyMenu: (title: string) => string;
  editStory: string;
  /** The story editor's form label. */
  editStoryLabel: (title: string) => string;
  moveUp: string;
  moveDown: string;
  removeStory: string;
  storyTitle: string;
  storyLink: string;
  storyDescription: string;
  saveStory: string;
  cancel: string;
  importStories: string;
  importLabel: string;
  importHint: string;
  importButton: string;
  importNothing: string;
  /** More stories pasted than the queue has room for. */
  importTooMany: (pasted: number, room: number) => string;
  /** The facilitator's button that leaves the current story pending and opens the next. */
  skipStory: string;
  announceImported: (count: number) => string;
  announceMoved: (title: string, position: number, count: number) => string;
  announceRemoved: (title: string) => string;
  // settings
  controlsHeading: string;
  settings: string;
  roomName: string;
  deck: string;
  deckFibonacci: string;
  deckModifiedFibonacci: string;
  deckTShirt: string;
  deckPowersOfTwo: string;
  deckCustom: string;
  autoReveal: string;
  votersMayReveal: string;
  anonymous: string;
  roundTimer: string;
  noTimer: string;
  save: string;
  // reactions
  reactionsLabel: string;
  react: (emoji: string) => string;
  reacted: (name: string, emoji: string) => string;
  // errors
  commandFailed: (message: string) => string;
}

/** The English strings every `<poker-room>` starts with. */
export const DEFAULT_STRINGS: PokerRoomStrings = {
  roomLabel: 'Planning poker room',
  untitledRoom: 'Planning poker',
  noStory: 'No story selected',
  statusConnecting: 'Connecting…',
  statusReconnecting: 'Connection lost. Reconnecting…',
  statusOffline: 'You are offline. Your vote will be sent when the connection is back.',
  statusClosed: 'Disconnected.',
  statusKicked: 'You were removed from this room.',
  statusRoomClosed: 'This room has been closed.',
  statusTokenInvalid: 'Your invitation is not valid any more. Ask for a new link.',
  statusTokenExpired: 'Your invitation has expired. Reload the page, or ask for a new link.',
  statusTokenFetchFailed: 'Could not get your invitation to this room. Check your connection and try again.',
  statusMissingConfig: 'Set the server and token attributes to join a room.',
  retry: 'Retry',
  participantsHeading: 'Participants',
  you: 'you',
  roleFacilitator: 'Facilitator',
  roleVoter: 'Voter',
  roleObserver: 'Observer',
  presenceOnline: 'online',
  presenceAway: 'away',
  presenceOffline: 'offline',
  hasVoted: 'Voted',
  notVoted: 'Thinking…',
  votedCount: (voted, total) => `${voted} of ${total} voted`,
  manage: (name) => `Manage ${name}`,
  manageYourself: 'Your name',
  kick: 'Remove from room',
  makeFacilitator: 'Make facilitator',
  makeVoter: 'Make voter',
  makeObserver: 'Make observer (does not vote)',
  yourName: 'Your name in this room',
  rename: 'Rename',
  deckHeading: 'Your estimate',
  deckHint: 'Pick a card. Arrow keys move, Enter or Space selects.',
  yourVote: (card) => `You voted ${card}`,
  yourVoteHidden: 'You voted (hidden while presenting)',
  votePending: (card) => `Sending ${card}…`,
  votePendingOffline: (card) => `${card} will be sent when you're back online`,
  retractVote: 'Take back my vote',
  observerNotice: 'You are observing this room.',
  votingSwitch: 'I vote',
  notVotingNotice:
    'You are facilitating without voting: nobody waits for your card. Switch “I vote” on to vote again.',
  notVoting: 'Not voting',
  waitingForRound: 'Waiting for the facilitator to start a round.',
  waitingForRoundFacilitator: 'Start a round when the team is ready.',
  roundClosed: 'Cards are on the table. The facilitator settles the estimate.',
  roundClosedFacilitator: 'Cards are on the table. Save the estimate, or vote again.',
  roundEstimateSaved: 'Estimate saved. The facilitator opens the next story.',
  roundEstimateSavedFacilitator: 'Estimate saved. Go to the next story when the team is ready.',
  cardUnsure: 'Not sure',
  cardBreak: 'Need a break',
  roundVoting: 'Voting',
  roundRevealed: 'Revealed',
  roundFinalized: (estimate) => `Estimated: ${estimate}`,
  startRound: 'Start round',
  reveal: 'Reveal cards',
  revote: 'Vote again',
  nextStory: 'Next story',
  nudge: (count) => `Nudge ${count} ${count === 1 ? 'voter' : 'voters'}`,
  nudged: (from) => `${from} is waiting for your vote.`,
  dismiss: 'Dismiss',
  timerRemaining: (time) => `${time} left`,
  timerStart: 'Start timer',
  timerStop: 'Stop timer',
  timerSeconds: 'Timer length in seconds',
  resultsHeading: 'Results',
  consensus: 'Consensus!',
  noConsensus: 'No consensus yet',
  mean: 'Average',
  median: 'Median',
  mode: 'Most votes',
  spread: 'Spread',
  agreement: 'Agreement',
  distribution: 'Distribution',
  votesHeading: 'Votes',
  anonymousVoter: 'Anonymous',
  noVotes: 'Nobody voted in this round.',
  outliersHeading: 'Talk it through',
  highest: (names, card) => `Highest: ${names} (${card})`,
  lowest: (names, card) => `Lowest: ${names} (${card})`,
  otherVotes: 'Not counted',
  barLabel: (card, count) => `${count} ${count === 1 ? 'vote' : 'votes'} for ${card}`,
  finalEstimate: 'Final estimate',
  finalize: 'Save estimate',
  suggested: (card) => `Suggested: ${card}`,
  announceRevealed: (summary) => `Cards revealed. ${summary}`,
  announceConsensus: (card) => `Consensus on ${card}.`,
  announceSummary: (count, median, mode) =>
    `${count} ${count === 1 ? 'vote' : 'votes'}, median ${median}, most votes ${mode}.`,
  announceNewRound: (story) => `New round: ${story}`,
  announceFinalized: (estimate) => `Final estimate saved: ${estimate}`,
  announceStatus: (status) => status,
  announceVotingOff: 'You no longer vote. Rounds reveal without waiting for you.',
  announceVotingOn: 'You vote again.',
  storiesHeading: 'Stories',
  storyActive: 'Now',
  storyPending: 'Up next',
  storyEstimated: 'Estimated',
  estimateStory: (title) => `Estimate “${title}”`,
  addStory: 'Add story',
  storyTitlePlaceholder: 'Story title',
  noStories: 'No stories yet.',
  reorderHint: 'Drag ⠿ to reorder, or press Alt+↑ / Alt+↓ on a story.',
  moveStory: (title) => `Move “${title}”`,
  storyMenu: (title) => `Edit, move or remove “${title}”`,
  editStory: 'Edit',
  editStoryLabel: (title) => `Edit “${title}”`,
  moveUp: 'Move up',
  moveDown: 'Move down',
  removeStory: 'Remove',
  storyTitle: 'Title',
  storyLink: 'Link',
  storyDescription: 'Description',
  saveStory: 'Save story',
  cancel: 'Cancel',
  importStories: 'Import a list…',
  importLabel: 'Stories to import',
  importHint:
    'One story per line, or a CSV export from your tracker with a Title column (and a URL column for links).',
  importButton: 'Import',
  importNothing:
    'No stories found in what you pasted. Put one story per line, or paste a CSV with a Title column.',
  importTooMany: (pasted, room) =>
    `You pasted ${pasted} stories, but the queue has room for ${room} more. Remove some and import again.`,
  skipStory: 'Skip story',
  announceImported: (count) => `${count} ${count === 1 ? 'story' : 'stories'} added to the queue.`,
  announceMoved: (title, position, count) => `“${title}” moved to position ${position} of ${count}.`,
  announceRemoved: (title) => `“${title}” removed from the queue.`,
  controlsHeading: 'Facilitator',
  settings: 'Room settings',
  roomName: 'Room name',
  deck: 'Deck',
  deckFibonacci: 'Fibonacci',
  deckModifiedFibonacci: 'Modified Fibonacci',
  deckTShirt: 'T-shirt sizes',
  deckPowersOfTwo: 'Powers of two',
  deckCustom: 'Custom',
  autoReveal: 'Reveal when everyone has voted',
  votersMayReveal: 'Voters may reveal',
  anonymous: 'Anonymous votes',
  roundTimer: 'Round timer (seconds)',
  noTimer: 'No timer',
  save: 'Save settings',
  reactionsLabel: 'Reactions',
  react: (emoji) => `React with ${emoji}`,
  reacted: (name, emoji) => `${name} reacted ${emoji}`,
  commandFailed: (message) => `That didn't work: ${message}`,
};

/** Merges overrides over the English defaults, ignoring entries of the wrong type. */
export function resolveStrings(overrides: Partial<PokerRoomStrings> | null | undefined): PokerRoomStrings {
  if (!overrides) return DEFAULT_STRINGS;
  const merged: Record<string, unknown> = { ...DEFAULT_STRINGS };
  for (const [key, value] of Object.entries(overrides)) {
    const fallback = (DEFAULT_STRINGS as unknown as Record<string, unknown>)[key];
    if (fallback !== undefined && typeof value === typeof fallback) merged[key] = value;
  }
  return merged as unknown as PokerRoomStrings;
}
