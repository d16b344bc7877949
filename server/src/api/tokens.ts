import { LIMITS, ROLES, type Role } from '@pokerroom/protocol';
import { errors, jwtVerify, SignJWT } from 'jose';

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

/** Signs and verifies participant tokens (JWT, HS256) with the server's shared signing key. */
export class TokenSigner {
  readonly #key: Uint8Array;

  constructor(secret: string) {
    this.#key = new TextEncoder().encode(secret);
  }

  /** Mints a token valid for `ttlSeconds`. */
  async sign(
    claims: Omit<TokenClaims, 'exp'>,
    ttlSeconds: number,
    now = Date.now(),
  ): Promise<{ token: string; exp: number }> {
    const exp = Math.floor(now / 1000) + ttlSeconds;
    const token = await new SignJWT({
      room: claims.roomId,
      acc: claims.accountId,
      name: claims.name,
      role: claims.role,
      ...(claims.externalId === undefined ? {} : { ext: claims.externalId }),
      ...(claims.avatarUrl === undefined ? {} : { avatar: claims.avatarUrl }),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.participantId)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(exp)
      .sign(this.#key);
    return { token, exp };
  }

  /** Verifies a token; returns its claims, or why it was refused. */
  async verify(token: string): Promise<TokenClaims | TokenProblem> {
    try {
      const { payload } = await jwtVerify(token, this.#key, { algorithms: ['HS256'] });
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
    } catch (error) {
      return error instanceof errors.JWTExpired ? 'token_expired' : 'token_invalid';
    }
  }
}
