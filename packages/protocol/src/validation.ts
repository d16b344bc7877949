/**
 * The building blocks of the generated validators (`generated/validators.ts`): plain functions, so
 * that decoding needs neither TypeBox nor `new Function` at runtime (which a host page's
 * Content-Security-Policy may forbid). Each check returns the first problem the way TypeBox's
 * `Errors(...).First()` would report it — same order, same path, same message — or a falsy value.
 *
 * @module
 */
import { isSafeText, SAFE_TEXT_MESSAGE } from './safe-text.js';

/** Where a value breaks its schema: a JSON pointer relative to the value, and why. */
export type Problem = readonly [path: string, message: string];
/** The outcome of a check: a problem, or a falsy value when the value is valid. */
export type Outcome = Problem | false | undefined;
/** A generated check of one schema. */
export type Check = (value: unknown) => Outcome;
/** A generated cleaner of one schema: drops the fields it does not know, without mutating. */
export type Clean = (value: unknown) => unknown;

const UNION: Problem = ['', 'Expected union value'];
const OBJECT: Problem = ['', 'Expected object'];

/** Prefixes the path of a nested problem with the key or index it was found under. */
export const at = (prefix: string, outcome: Outcome): Outcome => outcome && [prefix + outcome[0], outcome[1]];

const escapeKey = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function str(value: unknown, min: number, max = Number.POSITIVE_INFINITY): Outcome {
  if (typeof value !== 'string') return ['', 'Expected string'];
  if (value.length < min) return ['', `Expected string length greater or equal to ${min}`];
  return value.length > max && ['', `Expected string length less or equal to ${max}`];
}

/** A string within its bounds that PostgreSQL can store (no NUL, no lone surrogate). */
export function text(value: unknown, min: number, max = Number.POSITIVE_INFINITY): Outcome {
  return str(value, min, max) || (!isSafeText(value as string) && ['', SAFE_TEXT_MESSAGE]);
}

// Maximum before minimum: the order TypeBox reports them in.
function bounds(kind: string, value: number, min: number, max: number): Outcome {
  if (value > max) return ['', `Expected ${kind} to be less or equal to ${max}`];
  return value < min && ['', `Expected ${kind} to be greater or equal to ${min}`];
}

export function int(value: unknown, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY): Outcome {
  return Number.isInteger(value) ? bounds('integer', value as number, min, max) : ['', 'Expected integer'];
}

export function num(value: unknown, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY): Outcome {
  return Number.isFinite(value) ? bounds('number', value as number, min, max) : ['', 'Expected number'];
}

export const bool = (value: unknown): Outcome => typeof value !== 'boolean' && ['', 'Expected boolean'];

export const nil = (value: unknown): Outcome => value !== null && ['', 'Expected null'];

export const lit = (value: unknown, expected: string | number | boolean): Outcome =>
  value !== expected && ['', `Expected ${typeof expected === 'string' ? `'${expected}'` : String(expected)}`];

/** A union of literals, the protocol's enums. */
export const oneOf = (value: unknown, allowed: readonly unknown[]): Outcome =>
  !allowed.includes(value) && UNION;

/** Closes a union whose members all failed: TypeBox reports the union itself, not a member. */
export const union = (outcome: Outcome): Outcome => outcome && UNION;

export function arr(
  value: unknown,
  item: Check,
  min = 0,
  max = Number.POSITIVE_INFINITY,
  unique = false,
): Outcome {
  if (!Array.isArray(value)) return ['', 'Expected array'];
  if (value.length < min) return ['', `Expected array length to be greater or equal to ${min}`];
  if (value.length > max) return ['', `Expected array length to be less or equal to ${max}`];
  for (let i = 0; i < value.length; i++) {
    const outcome = at(`/${i}`, item(value[i]));
    if (outcome) return outcome;
  }
  // The generator allows uniqueItems only over primitives, where a Set compares like TypeBox's hash.
  return unique && new Set(value).size !== value.length && ['', 'Expected array elements to be unique'];
}

/** The object-level checks of a strict object: it is one, has its required keys, and no others. */
export function obj(value: unknown, required: readonly string[], known: readonly string[]): Outcome {
  if (!isObject(value)) return OBJECT;
  for (const key of required) {
    if (!Object.hasOwn(value, key)) return [`/${escapeKey(key)}`, 'Expected required property'];
  }
  for (const key of Object.getOwnPropertyNames(value)) {
    if (!known.includes(key)) return [`/${escapeKey(key)}`, 'Unexpected property'];
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Keeps the known fields of an object, cleaning each with its own cleaner (`0`: kept as it is). */
export function pick(value: unknown, fields: Readonly<Record<string, Clean | 0>>): unknown {
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, clean] of Object.entries(fields)) {
    if (Object.hasOwn(value, key)) out[key] = clean === 0 ? value[key] : clean(value[key]);
  }
  return out;
}

export const each = (value: unknown, clean: Clean): unknown =>
  Array.isArray(value) ? value.map((item) => clean(item)) : value;

/**
 * Cleans a union: keeps the first member that validates once cleaned. A member with an unknown
 * field never matches a strict schema, so cleaning must come before the check, member by member.
 */
export function first(value: unknown, members: readonly (readonly [Clean | 0, Check])[]): unknown {
  for (const [clean, check] of members) {
    const cleaned = clean === 0 ? value : clean(value);
    if (!check(cleaned)) return cleaned;
  }
  return value;
}
