/**
 * The two reference servers of the broadcast benchmark, each run alone in its own process
 * (`node --expose-gc --import tsx --import ./bench/broadcast-probe.ts bench/broadcast-servers.ts <kind>`):
 *
 * - `uws`: raw uWebSockets.js, the limit: every socket subscribes to its room's topic, and every
 *   frame a socket sends is `app.publish`ed to that topic as it is, sender included.
 * - `socketio`: Socket.IO 4 with `perMessageDeflate: false` and the websocket transport only:
 *   every socket joins its room, and every `vote` it emits is re-emitted with `io.to(room).emit`.
 *
 * The room comes from the `room` query parameter. Prints the port on stdout as `port <n>`.
 */

import uWS from 'uWebSockets.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { argv } from 'node:process';
import { Server } from 'socket.io';

const kind = argv[2];

if (kind === 'uws') {
  const app = uWS.App();
  app.ws<{ topic: string }>('/*', {
    compression: 0,
    maxPayloadLength: 16 * 1024,
    maxBackpressure: 8 * 1024 * 1024,
    idleTimeout: 60,
    sendPingsAutomatically: true,
    upgrade: (res, req, context) => {
      res.upgrade(
        { topic: `room/${req.getQuery('room') ?? ''}` },
        req.getHeader('sec-websocket-key'),
        req.getHeader('sec-websocket-protocol'),
        req.getHeader('sec-websocket-extensions'),
        context,
      );
    },
    open: (ws) => {
      ws.subscribe(ws.getUserData().topic);
    },
    message: (ws, message, isBinary) => {
      app.publish(ws.getUserData().topic, message, isBinary);
    },
  });
  app.listen('127.0.0.1', 0, (socket) => {
    if (!socket) throw new Error('cannot listen');
    console.log(`port ${uWS.us_socket_local_port(socket)}`);
  });
} else if (kind === 'socketio') {
  const http = createServer();
  const io = new Server(http, { perMessageDeflate: false, transports: ['websocket'], serveClient: false });
  io.on('connection', (socket) => {
    const room = String(socket.handshake.query.room ?? '');
    void socket.join(room);
    socket.on('vote', (payload: unknown) => {
      io.to(room).emit('vote.cast', payload);
    });
  });
  http.listen(0, '127.0.0.1', () => console.log(`port ${(http.address() as AddressInfo).port}`));
} else {
  console.error('usage: broadcast-servers.ts uws|socketio');
  process.exit(2);
}
