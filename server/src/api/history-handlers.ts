import { HttpProblem, type RequestInfo } from '../http/request-reply.js';
import { HISTORY_CSV_COLUMNS, loadHistory, streamHistoryRows } from '../storage/history.js';
import { findOwnedRoom } from '../storage/room-listing.js';
import { countUsage } from '../storage/usage.js';
import type { Handler, RestDeps } from './handler.js';

/** Rows fetched from the database per batch while streaming CSV. */
const CSV_BATCH_ROWS = 1000;

/**
 * One CSV field (RFC 4180). Text a person typed (titles, names) that starts like a formula is
 * prefixed with `'`, so opening the file in a spreadsheet never runs it.
 */
function csvField(value: string | null, typed: boolean): string {
  if (value === null) return '';
  const safe = typed && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const TYPED_COLUMNS = new Set<number>([
  HISTORY_CSV_COLUMNS.indexOf('story_title'),
  HISTORY_CSV_COLUMNS.indexOf('story_external_id'),
  HISTORY_CSV_COLUMNS.indexOf('participant_name'),
]);

const csvLine = (fields: readonly (string | null)[]) =>
  `${fields.map((f, i) => csvField(f, TYPED_COLUMNS.has(i))).join(',')}\r\n`;

function wantsCsv(info: RequestInfo): boolean {
  const accept = info.headers.get('accept') ?? '';
  return /(^|,)\s*text\/csv\b/i.test(accept);
}

function queryDate(info: RequestInfo, name: string, fallback: Date): Date {
  const raw = info.query.get(name);
  if (raw === null) return fallback;
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(date.getTime())) {
    throw new HttpProblem('invalid_request', `${name}: must be an ISO 8601 date-time, got "${raw}"`);
  }
  return date;
}

/** History (JSON or streamed CSV) and usage. */
export function historyHandlers(deps: RestDeps) {
  const { sql } = deps;

  const getHistory: Handler = async ({ info, params, key, out }) => {
    const roomId = params.roomId ?? '';
    if ((await findOwnedRoom(sql, key, roomId)) === null) throw new HttpProblem('room_not_found');
    if (!wantsCsv(info)) return { status: 200, body: { roomId, rounds: await loadHistory(sql, roomId) } };
    const body = out.stream(200, 'text/csv; charset=utf-8', {
      'content-disposition': `attachment; filename="${roomId}-history.csv"`,
    });
    try {
      await body.write(csvLine(HISTORY_CSV_COLUMNS));
      await streamHistoryRows(sql, roomId, CSV_BATCH_ROWS, (rows) => body.write(rows.map(csvLine).join('')));
      body.end();
    } catch (error) {
      body.abort();
      // Usually the client went away; a broken stream is cut, never ended as if complete.
      deps.log.debug({ err: error, path: info.url }, 'history stream stopped');
    }
    return 'streamed';
  };

  const getUsage: Handler = async ({ info, key }) => {
    const now = new Date();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const from = queryDate(info, 'from', monthStart);
    const to = queryDate(info, 'to', now);
    if (from >= to) throw new HttpProblem('invalid_request', 'from: must be before to');
    const usage = await countUsage(sql, key, from, to);
    return { status: 200, body: { from: from.toISOString(), to: to.toISOString(), ...usage } };
  };

  return { getHistory, getUsage };
}
