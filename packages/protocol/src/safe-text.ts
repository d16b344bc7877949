/**
 * Text every peer and every store accepts. PostgreSQL refuses NUL (U+0000) in `text` columns, and
 * a lone UTF-16 surrogate (`"\ud800"`) has no UTF-8 form at all, so neither may cross the boundary:
 * REST bodies, paths and queries, and command payloads are checked before anything else reads them.
 */

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
