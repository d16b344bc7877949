/**
 * Text every peer and every store accepts. PostgreSQL refuses NUL (U+0000) in `text` columns, and
 * a lone UTF-16 surrogate (`"\ud800"`) has no UTF-8 form at all, so neither may cross the boundary:
 * command payloads are validated with {@link SafeText}, and REST bodies, paths and queries are
 * checked with {@link findUnsafeText} before anything else reads them.
 */
import { type StringOptions, type TString, Type } from '@sinclair/typebox';

/**
 * The JSON Schema `pattern` of text the server can store: no NUL (U+0000) and no lone UTF-16
 * surrogate, which PostgreSQL refuses in `text` and `jsonb` alike. It reads the same with or
 * without the regular expression `u` flag (TypeBox compiles it without, Ajv with).
 */
export const SAFE_TEXT_PATTERN = '^(?:[^\\u0000\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$';

/** What a validator says about text that is not safe. */
export const SAFE_TEXT_MESSAGE = 'Expected text without NUL characters or lone surrogates';

// Most text has neither NUL nor a surrogate: one scan says so, and only the rest is looked at closely.
const SUSPECT = /[\0\uD800-\uDFFF]/;
const SAFE = new RegExp(SAFE_TEXT_PATTERN);

/**
 * A string schema for text from outside that ends up stored: the given length bounds plus
 * {@link SAFE_TEXT_PATTERN}. Use it for every text field of a command or request body, so that
 * nothing reaches the database in a shape it refuses.
 *
 * @example
 * ```ts
 * const Title = SafeText({ minLength: 1, maxLength: LIMITS.titleLength });
 * ```
 */
export function SafeText(options: Omit<StringOptions, 'pattern' | 'format'> = {}): TString {
  return Type.String({ ...options, pattern: SAFE_TEXT_PATTERN });
}

/**
 * Whether a string holds a NUL or a lone surrogate, the text PostgreSQL refuses.
 *
 * @example
 * ```ts
 * isSafeText('Sprint 42'); // true
 * isSafeText('\ud800'); // false
 * ```
 */
export function isSafeText(value: string): boolean {
  return !SUSPECT.test(value) || SAFE.test(value);
}

// Without the `u` flag, a regular expression sees UTF-16 code units, so a pair is two matches.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string may not be stored or sent, or `null` when it is safe text.
 *
 * @example
 * ```ts
 * unsafeTextReason('Ada'); // null
 * unsafeTextReason('a\u0000b'); // 'must not contain NUL (U+0000)'
 * ```
 */
export function unsafeTextReason(text: string): string | null {
  const found = UNSAFE_TEXT.exec(text);
  if (found === null) return null;
  return found[0] === '\u0000'
    ? 'must not contain NUL (U+0000)'
    : 'must be valid Unicode: it contains an unpaired UTF-16 surrogate';
}

/**
 * The first string in a decoded JSON or MessagePack value (object keys included) that is not safe
 * text: its dotted path (`stories.0.title`, `""` for the value itself) and why. `null` when every
 * string is safe.
 *
 * @example
 * ```ts
 * findUnsafeText({ stories: [{ title: '\ud800' }] });
 * // { path: 'stories.0.title', reason: 'must be valid Unicode: …' }
 * ```
 */
export function findUnsafeText(value: unknown, path = ''): { path: string; reason: string } | null {
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    return reason === null ? null : { path, reason };
  }
  if (typeof value !== 'object' || value === null) return null;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value);
  for (const [key, item] of entries) {
    const keyReason = unsafeTextReason(key);
    if (keyReason !== null) return { path: path === '' ? 'body' : path, reason: `a field name ${keyReason}` };
    const found = findUnsafeText(item, path === '' ? key : `${path}.${key}`);
    if (found !== null) return found;
  }
  return null;
}
