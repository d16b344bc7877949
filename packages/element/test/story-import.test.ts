import { isSafeText, LIMITS } from '@pokerroom/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../src/csv.js';
import { parseStoryList } from '../src/story-import.js';

/** A field as RFC 4180 writes it: quoted when it holds a delimiter, a quote or a line break, or is empty. */
function writeField(field: string, quoteAll: boolean): string {
  return quoteAll || field === '' || /[",;\t\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function writeCsv(
  rows: string[][],
  options: { delimiter?: string; newline?: string; quoteAll?: boolean } = {},
) {
  const { delimiter = ',', newline = '\r\n', quoteAll = false } = options;
  return rows.map((row) => row.map((field) => writeField(field, quoteAll)).join(delimiter)).join(newline);
}

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const tricky = fc.stringMatching(/^[a-z ,;"\r\n\t]{0,20}$/);
const field = fc.oneof(text, tricky);
const rows = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });

describe('readCsv', () => {
  it('reads back whatever RFC 4180 wrote, with any delimiter, line break and quoting', () => {
    fc.assert(
      fc.property(
        rows,
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\r\n', '\n', '\r'),
        fc.boolean(),
        fc.boolean(),
        (table, delimiter, newline, quoteAll, trailing) => {
          const csv = writeCsv(table, { delimiter, newline, quoteAll }) + (trailing ? newline : '');
          expect(readCsv(csv, delimiter)).toEqual(table);
        },
      ),
    );
  });

  it('keeps commas, line breaks and escaped quotes inside quoted fields', () => {
    expect(readCsv('Title,URL\n"Pay, then ""ship""\nit",https://x.test/1\n')).toEqual([
      ['Title', 'URL'],
      ['Pay, then "ship"\nit', 'https://x.test/1'],
    ]);
  });

  it('is lenient where spreadsheets are: text after a closing quote, an unclosed quote', () => {
    expect(readCsv('"a"b,c')).toEqual([['ab', 'c']]);
    expect(readCsv('a,"b\nc')).toEqual([['a', 'b\nc']]);
    expect(readCsv('')).toEqual([]);
  });
});

describe('parseStoryList', () => {
  it('reads a tracker export by its header: title, link, key and description, in any column order', () => {
    const csv = writeCsv([
      ['Issue key', 'Status', 'Summary', 'Description', 'Link'],
      ['PAY-1', 'Open', 'Pay with a saved card, fast', 'Line one\nline two', 'https://tracker.test/PAY-1'],
      ['PAY-2', 'Open', 'Refunds', '', 'not a link'],
      ['PAY-3', 'Open', '   ', '', ''],
    ]);
    expect(parseStoryList(csv)).toEqual({
      format: 'csv',
      stories: [
        {
          title: 'Pay with a saved card, fast',
          url: 'https://tracker.test/PAY-1',
          externalId: 'PAY-1',
          description: 'Line one\nline two',
        },
        { title: 'Refunds', externalId: 'PAY-2' },
      ],
    });
  });

  it('reads semicolon and tab separated exports too', () => {
    expect(parseStoryList('Title;URL\nA;https://x.test/a').stories).toEqual([
      { title: 'A', url: 'https://x.test/a' },
    ]);
    expect(parseStoryList('Name\tLink\nB\thttps://x.test/b').stories).toEqual([
      { title: 'B', url: 'https://x.test/b' },
    ]);
  });

  it('reads anything else as one story per line, dropping list markers and keeping a trailing link', () => {
    const pasted =
      '- Login page\r\n\n  2. Search, with filters  \n[ ] Export https://x.test/9\n* \nhttps://x.test/only';
    expect(parseStoryList(pasted)).toEqual({
      format: 'lines',
      stories: [
        { title: 'Login page' },
        { title: 'Search, with filters' },
        { title: 'Export', url: 'https://x.test/9' },
        { title: 'https://x.test/only' },
      ],
    });
  });

  it('never renders a script link: only http(s) URLs become links', () => {
    const { stories } = parseStoryList('Title,URL\nA,javascript:alert(1)\nB,HTTPS://x.test/b');
    expect(stories).toEqual([{ title: 'A' }, { title: 'B', url: 'HTTPS://x.test/b' }]);
  });

  it('every title of a CSV export comes back as written, one line, whatever it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(field, fc.webUrl()), { maxLength: 10 }), (entries) => {
        const csv = writeCsv([['Title', 'URL'], ...entries.map(([title, url]) => [title, url])]);
        const expected = entries
          .map(([title, url]) => ({ title: title.replace(/\s+/g, ' ').trim(), url }))
          .filter((story) => story.title !== '');
        expect(parseStoryList(csv).stories.map(({ title }) => title)).toEqual(
          expected.map(({ title }) => title.slice(0, LIMITS.titleLength).trim()),
        );
      }),
    );
  });

  it('whatever is pasted, every story fits the protocol', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 600 }),
          rows.map((t) => writeCsv(t)),
        ),
        (pasted) => {
          for (const story of parseStoryList(pasted).stories) {
            expect(story.title.length).toBeGreaterThan(0);
            expect(story.title.length).toBeLessThanOrEqual(LIMITS.titleLength);
            expect(story.title).not.toMatch(/[\r\n]/);
            expect(isSafeText(story.title)).toBe(true);
            if (story.url !== undefined) expect(story.url).toMatch(/^https?:\/\//i);
          }
        },
      ),
    );
  });
});
