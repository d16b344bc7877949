import type { TemplatedApp } from 'uWebSockets.js';
import type { ErrorCode } from '@pokerroom/protocol';
import type { TokenClaims, TokenSigner } from '../identity/participant-tokens.js';
import type { Logger } from '../ops/logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { StoredEvent } from '../storage/event-store.js';
import type { ParticipantLimits } from './rate-limit.js';
import type { RoomRegistry } from './room-registry.js';
import type { Connection } from './session.js';

/**
 * What the WebSocket endpoint needs from the rest of the server. Storage comes in as ports (the
 * room log and fresh ids), like a room host's, so the socket boundary never reaches into SQL.
 */
export interface WsDeps {
  readonly app: TemplatedApp;
  readonly rooms: RoomRegistry;
  readonly tokens: TokenSigner;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly connections: Set<Connection>;
  readonly isDraining: () => boolean;
  /** Send buffer past which a connection is a slow consumer and is closed (it resumes on reconnect). */
  readonly slowConsumerBytes: number;
  /** Reads a room's stored events from its first up to `untilSeq` (a resume past the replay buffer). */
  readonly readLog: (roomId: string, untilSeq: number) => Promise<StoredEvent[]>;
  /** A fresh session id. */
  readonly newSessionId: () => string;
  /**
   * Whether a person may join (the plan's cap on monthly active participants); `null` lets them
   * in, a refusal is sent as an error frame and the socket closed as forbidden.
   */
  readonly admitPerson?: (
    roomId: string,
    claims: TokenClaims,
  ) => Promise<{ readonly code: ErrorCode; readonly message: string } | null>;
}

/** The endpoint's dependencies plus the state it shares across connections: the participants' limits. */
export interface SocketContext extends WsDeps {
  readonly limits: ParticipantLimits;
}
