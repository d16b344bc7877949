import uWS from 'uWebSockets.js';
import { afterEach, describe, expect, it } from 'vitest';
import { KnownRoutes, mountFallback, trackRoutes } from '../../src/api/known-routes.js';

let listening: uWS.us_listen_socket | null = null;

afterEach(() => {
  if (listening !== null) uWS.us_listen_socket_close(listening);
  listening = null;
});

/** Listens on a free loopback port and answers with its base URL. */
function listen(app: uWS.TemplatedApp): Promise<string> {
  return new Promise((resolve, reject) => {
    app.listen('127.0.0.1', 0, (socket) => {
      if (socket === false) {
        reject(new Error('could not listen'));
        return;
      }
      listening = socket;
      resolve(`http://127.0.0.1:${uWS.us_socket_local_port(socket)}`);
    });
  });
}

describe('trackRoutes', () => {
  it('records each mounted route, answers HEAD for GET, and tells the fallback what a path allows', async () => {
    const known = new KnownRoutes();
    const app = trackRoutes(uWS.App(), known);
    app.get('/things/:id', (res) => {
      res.writeHeader('content-type', 'text/plain').end('a thing');
    });
    app.post('/things', (res) => {
      res.writeStatus('201 Created').end();
    });
    mountFallback(app, known);
    const base = await listen(app);

    const got = await fetch(`${base}/things/7`);
    expect(await got.text()).toBe('a thing');
    const head = await fetch(`${base}/things/7`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const refused = await fetch(`${base}/things/7`, { method: 'DELETE' });
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(known.allowed('/things')).toEqual(['POST', 'OPTIONS']);
    expect(known.allowed('/nothing')).toBeNull();
  });

  it('hands out each of the app’s other members bound once, working on the app itself', () => {
    const known = new KnownRoutes();
    const app = trackRoutes(uWS.App(), known);
    // uWebSockets.js makes its topics with the first WebSocket route.
    app.ws('/ws', {});
    expect(known.allowed('/ws')).toEqual(['GET', 'OPTIONS']);
    // The same function every time: the realtime path calls these for every broadcast.
    expect(app.publish).toBe(app.publish);
    expect(app.numSubscribers).toBe(app.numSubscribers);
    expect(app.numSubscribers('room/none/v1')).toBe(0);
    expect(app.publish('room/none/v1', new Uint8Array([0x80]), true)).toBe(false);
  });

  it('treats a name that objects inherit as the app’s member, not as a mounting method', () => {
    const raw = uWS.App();
    const app = trackRoutes(raw, new KnownRoutes());
    // `toString` is on every object's prototype chain: looked up by name among the mounting
    // methods, it must not pass for one (which would record a route of `undefined`).
    expect(app.toString()).toBe(raw.toString());
  });
});
