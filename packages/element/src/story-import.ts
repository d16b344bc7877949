import { LIMITS, type StoryInput } from '@pokerroom/protocol';
import { readCsv } from './csv.js';

/** Header names (lower case) a tracker's export uses for each field, the likeliest first. */
const COLUMNS = {
  title: ['title', 'summary', 'story', 'name', 'subject', 'issue title', 'story title'],
  url: ['url', 'link', 'issue url', 'issue link', 'web url', 'html url', 'permalink', 'href'],
  externalId: ['issue key', 'key', 'identifier', 'id', 'issue id', 'number'],
  description: ['description', 'body', 'details'],
} as const;
const DELIMITERS = [',', ';', '\t'] as const;
const LIST_MARKER = /^(?:[-*•+]|\d+[.)]|\[[ xX]?\])(?:\s+|$)/;
const TRAILING_URL = /^(.*\S)\s+(https?:\/\/\S+)$/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** What a pasted list turned into: the stories, and whether it was read as CSV or as lines. */
export interface ParsedStories {
  readonly format: 'csv' | 'lines';
  readonly stories: StoryInput[];
}

/**
 * Turns pasted text into stories. A tracker's CSV export (comma, semicolon or tab separated) is
 * recognised by its header: a title column (`Title`, `Summary`, …) and optionally a link
 * (`URL`, `Link`, …), a key (`Issue key`, `ID`, …) and a description. Anything else is one story
 * per line; list markers (`-`, `1.`, `[ ]`) are dropped and a link at the end of a line becomes
 * the story's link. Every story fits the protocol: titles are single-line and cut to
 * `LIMITS.titleLength`, links are kept only when they are `http(s)` URLs. Never throws.
 *
 * @example
 * ```ts
 * parseStoryList('Title,URL\nLogin,https://tracker.test/1').stories; // [{ title: 'Login', url: 'https://tracker.test/1' }]
 * parseStoryList('- Login\n- Search').stories; // [{ title: 'Login' }, { title: 'Search' }]
 * ```
 */
export function parseStoryList(text: string): ParsedStories {
  const clean = text.replace(/^\uFEFF/, '');
  for (const delimiter of DELIMITERS) {
    const rows = readCsv(clean, delimiter);
    const header = rows[0];
    if (header === undefined || header.length < 2) continue;
    const names = header.map((name) => name.trim().toLowerCase());
    const column = (field: keyof typeof COLUMNS) =>
      COLUMNS[field].map((name) => names.indexOf(name)).find((index) => index >= 0);
    const title = column('title');
    if (title === undefined) continue;
    const url = column('url');
    const key = column('externalId');
    const description = column('description');
    const stories = rows.slice(1).flatMap((row) => {
      const story = storyOf(row[title] ?? '', url === undefined ? undefined : row[url]);
      if (story === null) return [];
      const id = key === undefined ? '' : oneLine(row[key] ?? '', LIMITS.externalIdLength);
      const body =
        description === undefined ? '' : cut(safe(row[description] ?? '').trim(), LIMITS.descriptionLength);
      return [{ ...story, ...(id ? { externalId: id } : {}), ...(body ? { description: body } : {}) }];
    });
    return { format: 'csv', stories };
  }
  const stories = clean.split(/\r\n|\r|\n/).flatMap((line) => {
    const unmarked = line.trim().replace(LIST_MARKER, '');
    const linked = TRAILING_URL.exec(unmarked);
    const story = linked ? storyOf(linked[1] ?? '', linked[2]) : storyOf(unmarked, undefined);
    return story === null ? [] : [story];
  });
  return { format: 'lines', stories };
}

function storyOf(rawTitle: string, rawUrl: string | undefined): StoryInput | null {
  const title = oneLine(rawTitle, LIMITS.titleLength);
  if (title === '') return null;
  const url = linkOf(rawUrl ?? '');
  return url === null ? { title } : { title, url };
}

/** A link the element may render as `href`: an absolute `http(s)` URL that fits the protocol. */
export function linkOf(raw: string): string | null {
  const text = raw.trim();
  if (!/^https?:\/\/\S+$/i.test(text) || text.length > LIMITS.urlLength || safe(text) !== text) return null;
  try {
    new URL(text);
    return text;
  } catch {
    return null;
  }
}

function oneLine(text: string, max: number): string {
  return cut(safe(text).replace(/\s+/g, ' ').trim(), max).trim();
}

/** Text the server stores: no NUL, no lone surrogate. */
function safe(text: string): string {
  return text.replace(/\0/g, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** At most `max` UTF-16 units, never splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return text.slice(0, end);
}
