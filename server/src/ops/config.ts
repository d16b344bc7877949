import { resolve } from 'node:path';
import { type ProtocolVersion, SUPPORTED_VERSIONS } from '@pokerroom/protocol';

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
  /** The operator API's secret (`/admin/v1`); `null` turns that API off. */
  readonly adminKey: string | null;
  readonly billing: BillingConfig;
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
  /**
   * `POKERROOM_PROTOCOL_VERSIONS`: the realtime protocol versions served (default: every one the
   * protocol package has), e.g. `2` once v1 is no longer served.
   */
  readonly protocolVersions: readonly ProtocolVersion[];
  /**
   * `POKERROOM_COMMIT_GATHER_MS`: the least time between two transactions' starts at light load;
   * `0` writes every batch as soon as the last transaction ends, `null` keeps storage's default
   * (`COMMIT_GATHER_MS`).
   */
  readonly commitGatherMs: number | null;
}

/** How usage is metered and billed through Stripe (see docs/billing.md). */
export interface BillingConfig {
  readonly stripeSecretKey: string | null;
  readonly stripeWebhookSecret: string | null;
  /** Where stripe-node sends requests (stripe-mock in tests); `null`: Stripe itself. */
  readonly stripeApiBase: string | null;
  /** The metered price a checkout subscribes to. */
  readonly stripePriceId: string | null;
  /** The Billing Meter's event name: meter events are sent under it. */
  readonly meterEventName: string;
  /** The Billing Meter's id, for reconciliation's event summaries; `null`: found from the price. */
  readonly meterId: string | null;
  /** Monthly active participants the free plan allows in live mode. */
  readonly freePlanLimit: number;
  /** How long a past_due subscription keeps the paid plan. */
  readonly pastDueGraceMs: number;
  /** The usage window a meter event covers: an hour, shorter only in tests. */
  readonly windowSeconds: number;
  /** How often the reporter closes windows and sends what is due. */
  readonly reportIntervalMs: number;
  /** How often reconciliation compares our records with Stripe's. */
  readonly reconcileIntervalMs: number;
  /** How long one call to Stripe may take before it counts as failed (and is retried). */
  readonly stripeTimeoutMs: number;
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
    adminKey: adminKey(env),
    billing: {
      stripeSecretKey: pattern(
        env,
        'STRIPE_SECRET_KEY',
        /^(sk|rk)_(test|live)_\w+$/,
        'sk_test_… or sk_live_…',
      ),
      stripeWebhookSecret: pattern(env, 'STRIPE_WEBHOOK_SECRET', /^whsec_\w+$/, 'whsec_…'),
      stripeApiBase: url(env, 'STRIPE_API_BASE', ['http:', 'https:']),
      stripePriceId: pattern(env, 'STRIPE_PRICE_ID', /^price_\w+$/, 'price_…'),
      meterEventName:
        pattern(
          env,
          'STRIPE_METER_EVENT_NAME',
          /^[a-z][a-z0-9_]{0,99}$/,
          'lower-case letters, digits and _',
        ) ?? 'pokerroom_active_participants',
      meterId: pattern(env, 'STRIPE_METER_ID', /^mtr_\w+$/, 'mtr_…'),
      freePlanLimit: integer(env, 'POKERROOM_FREE_PLAN_LIMIT', 100, 0, 1_000_000),
      pastDueGraceMs: integer(env, 'POKERROOM_PAST_DUE_GRACE_DAYS', 7, 0, 90) * 86_400_000,
      windowSeconds: integer(env, 'POKERROOM_METER_WINDOW_SECONDS', 3600, 1, 3600),
      reportIntervalMs: integer(env, 'POKERROOM_METER_INTERVAL_MS', 60_000, 50, 3_600_000),
      reconcileIntervalMs: integer(env, 'POKERROOM_RECONCILE_INTERVAL_MS', 3_600_000, 1000, 86_400_000),
      stripeTimeoutMs: integer(env, 'POKERROOM_STRIPE_TIMEOUT_MS', 10_000, 100, 120_000),
    },
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
    protocolVersions: protocolVersions(env),
    commitGatherMs:
      optional(env, 'POKERROOM_COMMIT_GATHER_MS') === null
        ? null
        : integer(env, 'POKERROOM_COMMIT_GATHER_MS', 0, 0, 1000),
  };
}

function protocolVersions(env: NodeJS.ProcessEnv): readonly ProtocolVersion[] {
  const value = optional(env, 'POKERROOM_PROTOCOL_VERSIONS');
  if (value === null) return SUPPORTED_VERSIONS;
  const named = value.split(',').map((name) => name.trim().replace(/^v/, ''));
  const versions = SUPPORTED_VERSIONS.filter((version) => named.includes(String(version)));
  if (versions.length === 0 || versions.length !== new Set(named).size) {
    throw new ConfigError(
      `POKERROOM_PROTOCOL_VERSIONS must list protocol versions among ${SUPPORTED_VERSIONS.join(', ')}, e.g. "2,1"`,
    );
  }
  return versions;
}

function adminKey(env: NodeJS.ProcessEnv): string | null {
  const value = optional(env, 'POKERROOM_ADMIN_KEY');
  if (value !== null && !/^[\x21-\x7e]{32,256}$/.test(value)) {
    throw new ConfigError(
      'POKERROOM_ADMIN_KEY must be 32 to 256 printable characters (a long random secret)',
    );
  }
  return value;
}

function pattern(env: NodeJS.ProcessEnv, name: string, shape: RegExp, example: string): string | null {
  const value = optional(env, name);
  if (value !== null && !shape.test(value)) throw new ConfigError(`${name} must look like ${example}`);
  return value;
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
