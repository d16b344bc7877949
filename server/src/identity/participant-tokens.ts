import { LIMITS, ROLES, type Role } from '@pokerroom/protocol';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';

/** What a participant token says: who joins which room, with what role. */
export interface TokenClaims {
  readonly roomId: string;
  readonly accountId: string;
  readonly participantId: string;
  readonly name: string;
  readonly role: Role;
  readonly externalId?: string;
  readonly avatarUrl?: string;
  /** Expiry, in seconds since the epoch. */
  readonly exp: number;
}

/** Why a token was refused. */
export type TokenProblem = 'token_invalid' | 'token_expired';

/** Token lifetimes, in seconds. */
export const TOKEN_TTL = { default: 3600, min: 60, max: 24 * 3600 } as const;

/**
 * Signs and verifies participant tokens (JWT, HS256) with the server's shared signing key.
 * Verification is synchronous on purpose: the WebSocket upgrade can then be completed inside
 * uWebSockets.js's upgrade handler, the one place where it is corked and safe (see `realtime/upgrade-checks.ts`).
 */
export class TokenSigner {
  readonly #sign: (payload: Record<string, unknown>) => string;
  readonly #verify: (token: string) => Record<string, unknown>;

  constructor(secret: string) {
    // iat and exp are set from the caller's clock, so fast-jwt adds no timestamps of its own.
    this.#sign = createSigner({ key: secret, algorithm: 'HS256', noTimestamp: true });
    this.#verify = createVerifier({ key: secret, algorithms: ['HS256'] });
  }

  /** Mints a token valid for `ttlSeconds`. */
  sign(
    claims: Omit<TokenClaims, 'exp'>,
    ttlSeconds: number,
    now = Date.now(),
  ): { token: string; exp: number } {
    const iat = Math.floor(now / 1000);
    const exp = iat + ttlSeconds;
    const token = this.#sign({
      sub: claims.participantId,
      room: claims.roomId,
      acc: claims.accountId,
      name: claims.name,
      role: claims.role,
      ...(claims.externalId === undefined ? {} : { ext: claims.externalId }),
      ...(claims.avatarUrl === undefined ? {} : { avatar: claims.avatarUrl }),
      iat,
      exp,
    });
    return { token, exp };
  }

  /** Verifies a token; returns its claims, or why it was refused. */
  verify(token: string): TokenClaims | TokenProblem {
    let payload: Record<string, unknown>;
    try {
      payload = this.#verify(token);
    } catch (error) {
      return error instanceof TokenError && error.code === TokenError.codes.expired
        ? 'token_expired'
        : 'token_invalid';
    }
    const { sub, room, acc, name, role, ext, avatar, exp } = payload;
    if (
      typeof sub !== 'string' ||
      typeof room !== 'string' ||
      typeof acc !== 'string' ||
      typeof name !== 'string' ||
      name.length > LIMITS.nameLength ||
      !ROLES.includes(role as Role) ||
      typeof exp !== 'number'
    ) {
      return 'token_invalid';
    }
    return {
      roomId: room,
      accountId: acc,
      participantId: sub,
      name,
      role: role as Role,
      exp,
      ...(typeof ext === 'string' ? { externalId: ext } : {}),
      ...(typeof avatar === 'string' ? { avatarUrl: avatar } : {}),
    };
  }
}
