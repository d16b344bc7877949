import { resolve } from 'node:path';

/** The server's configuration, read once from the environment at startup. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** The base URL clients reach this service at; tokens' `wsUrl` is derived from it. */
  readonly publicUrl: string | null;
  /** A PostgreSQL URL, or `null` for the embedded PGlite database under `dataDir`. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly redisUrl: string | null;
  readonly bootstrapKey: string | null;
  readonly stripeSecretKey: string | null;
  readonly stripeWebhookSecret: string | null;
  readonly stripeApiBase: string | null;
  readonly logLevel: string;
  /** How long a disconnected participant stays online, so a page reload doesn't flap presence. */
  readonly presenceGraceMs: number;
  /** How long a room waits for an absent facilitator before handing the role over. */
  readonly facilitatorGraceMs: number;
  /** How long `SIGTERM` spreads socket closes over, so clients move to other nodes gradually. */
  readonly drainMs: number;
  /**
   * `POKERROOM_DEMO`: `on` or `off` when said explicitly; `null` lets the server decide (on only
   * with embedded storage and no live keys).
   */
  readonly demo: 'on' | 'off' | null;
  /** Unsent bytes a connection may hold before it is closed as a slow consumer (4202). */
  readonly slowConsumerBytes: number;
}

/** A configuration problem: the message is the one line printed before exiting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * The default drain window: a rolling deploy moves a node's clients over 5 s instead of all at once,
 * and shutdown still ends well inside the 10 s exit deadline and a platform's usual 30 s grace.
 */
export const DEFAULT_DRAIN_MS = 5000;

const SECRET_KEY = /^sk_(test|live)_[A-Za-z0-9]{24,64}$/;

/**
 * Reads and validates the configuration.
 *
 * @throws {@link ConfigError} naming the variable at fault and what it should look like.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const bootstrapKey = optional(env, 'POKERROOM_BOOTSTRAP_KEY');
  if (bootstrapKey !== null && !SECRET_KEY.test(bootstrapKey)) {
    throw new ConfigError(
      'POKERROOM_BOOTSTRAP_KEY must look like sk_test_ or sk_live_ followed by 24 to 64 letters and digits',
    );
  }
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: optional(env, 'HOST') ?? '0.0.0.0',
    publicUrl: url(env, 'POKERROOM_PUBLIC_URL', ['http:', 'https:']),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: resolve(optional(env, 'POKERROOM_DATA_DIR') ?? './.data'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    bootstrapKey,
    stripeSecretKey: optional(env, 'STRIPE_SECRET_KEY'),
    stripeWebhookSecret: optional(env, 'STRIPE_WEBHOOK_SECRET'),
    stripeApiBase: url(env, 'STRIPE_API_BASE', ['http:', 'https:']),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    presenceGraceMs: integer(env, 'POKERROOM_PRESENCE_GRACE_MS', 5000, 0, 600_000),
    facilitatorGraceMs: integer(env, 'POKERROOM_FACILITATOR_GRACE_MS', 60_000, 0, 3_600_000),
    drainMs: integer(env, 'POKERROOM_DRAIN_MS', DEFAULT_DRAIN_MS, 0, 300_000),
    demo:
      optional(env, 'POKERROOM_DEMO') === null
        ? null
        : oneOf(env, 'POKERROOM_DEMO', ['on', 'off'] as const, 'on'),
    slowConsumerBytes: integer(
      env,
      'POKERROOM_SLOW_CONSUMER_BYTES',
      1024 * 1024,
      16 * 1024,
      64 * 1024 * 1024,
    ),
  };
}

function optional(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name];
  return value === undefined || value.trim() === '' ? null : value.trim();
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: readonly string[]): string | null {
  const raw = optional(env, name);
  if (raw === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL starting with ${protocols.join(' or ')}//`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}//, got ${parsed.protocol}//`);
  }
  return raw;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  const value = values.find((candidate) => candidate === raw);
  if (value === undefined) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return value;
}
