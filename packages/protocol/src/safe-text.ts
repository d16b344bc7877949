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
