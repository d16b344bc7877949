import { readFileSync } from 'node:fs';
import { PROTOCOL_VERSIONS, ROOM_EVENT_TYPES, subprotocolName } from '@pokerroom/protocol';
import { describe, expect, it } from 'vitest';

const spec = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');

describe('docs/protocol.md', () => {
  it('lists the versions of PROTOCOL_VERSIONS, row for row, in its table of versions', () => {
    const section = spec.slice(spec.indexOf('## Versions'), spec.indexOf('## Transport'));
    const rows = section
      .split('\n')
      .filter((line) => /^\| \d+ /.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows.map((cells) => cells.slice(1, 7))).toEqual(
      PROTOCOL_VERSIONS.map((row) => [
        String(row.version),
        `\`${subprotocolName(row.version)}\``,
        row.status,
        row.since,
        row.servedUntil ?? '—',
        row.summary,
      ]),
    );
  });

  it('says how to fold every room event', () => {
    for (const t of ROOM_EVENT_TYPES) {
      const start = spec.indexOf(`#### \`${t}\``);
      const section = spec.slice(start, spec.indexOf('####', start + 1));
      expect(section, t).toContain('**Fold:**');
    }
  });
});
