/**
 * Reads CSV as RFC 4180 writes it: fields separated by `delimiter`, rows by CRLF, LF or CR; a field
 * that starts with a double quote runs to its closing quote and may hold delimiters, line breaks
 * and doubled quotes (`""` is one `"`). Lenient where spreadsheets are: text after a closing
 * quote is kept, and an unclosed quote runs to the end. Never throws.
 *
 * @example
 * ```ts
 * readCsv('Title,URL\n"Pay, then ship",https://x.test/1'); // [['Title', 'URL'], ['Pay, then ship', 'https://x.test/1']]
 * ```
 */
export function readCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
      atStart = true;
    } else if (char === '\n' || char === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atStart = true;
      if (char === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += char;
      atStart = false;
    }
  }
  // The last row, unless the text ended with its line break.
  if (!atStart || field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
