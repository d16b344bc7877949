/**
 * Size limits of protocol v1. The server refuses anything larger with `frame_too_large` or
 * `invalid_payload`; clients can use the same numbers to validate input before sending it.
 *
 * @example
 * ```ts
 * if (title.length > LIMITS.titleLength) showError('Title too long');
 * ```
 */
export const LIMITS = {
  /** Largest client → server frame, in bytes. Checked before the frame is parsed. */
  clientFrameBytes: 64 * 1024,
  /** Largest server → client frame, in bytes (a welcome snapshot of a full room fits). */
  serverFrameBytes: 4 * 1024 * 1024,
  /** Longest identifier (room, participant, story, round), in characters. */
  idLength: 64,
  /** Longest room or participant name, in characters. */
  nameLength: 64,
  /** Longest story title, in characters. */
  titleLength: 200,
  /** Longest story description, in characters. */
  descriptionLength: 4000,
  /** Longest URL (story link, avatar), in characters. */
  urlLength: 2048,
  /** Longest external id (an issue key or user id of the host tool), in characters. */
  externalIdLength: 128,
  /** Longest card label, in characters. */
  cardLabelLength: 8,
  /** Longest final estimate, in characters (a card label or a free value such as `"13"`). */
  estimateLength: 16,
  /** Fewest cards in a deck. */
  minDeckSize: 2,
  /** Most cards in a deck. */
  maxDeckSize: 24,
  /** Most stories in a room's queue. */
  maxStories: 500,
  /** Most stories in one `story.import` command. */
  maxImportStories: 100,
  /** Most participants in one room. */
  maxParticipants: 100,
  /** Longest reaction (one emoji, possibly a ZWJ sequence), in UTF-16 code units. */
  emojiLength: 16,
  /** Shortest round timer, in seconds. */
  minTimerSeconds: 5,
  /** Longest round timer, in seconds. */
  maxTimerSeconds: 3600,
  /** Longest error message, in characters: input quoted in one is cut short, never echoed whole. */
  errorMessageLength: 1024,
  /** Largest request id on a client command. */
  maxRequestId: 2 ** 32 - 1,
} as const;
