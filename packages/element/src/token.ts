/**
 * Reads the room id out of a participant token without verifying it: the server verifies; the
 * element only needs to know which room to ask for. Returns `null` for anything unreadable.
 *
 * @example
 * ```ts
 * roomOfToken(token); // 'room_3kQ9…'
 * ```
 */
export function roomOfToken(token: string): string | null {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const room = (claims as { room?: unknown } | null)?.room;
    return typeof room === 'string' && room !== '' ? room : null;
  } catch {
    return null;
  }
}

/**
 * The WebSocket URL of a room on a Poker Room service: `ws(s)://host/v1/ws?room=<id>`, the
 * same form as the `wsUrl` the token endpoint returns.
 *
 * @example
 * ```ts
 * roomSocketUrl('https://poker.example.com', 'room_1'); // 'wss://poker.example.com/v1/ws?room=room_1'
 * ```
 */
export function roomSocketUrl(server: string, roomId: string): string {
  const base = new URL(server, globalThis.location?.href);
  const url = new URL('v1/ws', base.href.endsWith('/') ? base.href : `${base.href}/`);
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  url.search = '';
  url.searchParams.set('room', roomId);
  return url.toString();
}
