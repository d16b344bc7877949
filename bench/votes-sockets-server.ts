/**
 * The limit of the durable-votes benchmark on the socket side (`sockets-only`): raw uWebSockets.js
 * speaking just enough of protocol v1 for the votes load generator, with no storage, no domain and
 * no tokens. A connection names its room in the `room` query parameter and its participant in `p`;
 * it gets a `welcome`, and every command is decoded and answered with an `ack` on a topic of its own,
 * a `vote.cast` also with the public event published to the room's topic (sender included) — the same
 * frames, topics and system calls per vote as our server, minus everything that makes a vote durable.
 *
 * Run as `node --import tsx bench/votes-sockets-server.ts <port>`; prints `port <n>` when listening.
 */

import uWS from 'uWebSockets.js';
import { argv } from 'node:process';
import { Unpackr } from 'msgpackr';
import { encode, type ServerMessage } from '../packages/protocol/src/index.js';

interface Connection {
  readonly room: string;
  readonly participantId: string;
  readonly session: string;
}

const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true });
const seqs = new Map<string, number>();
let sessions = 0;
const app = uWS.App();

app.ws<Connection>('/v1/ws', {
  compression: 0,
  maxPayloadLength: 64 * 1024,
  maxBackpressure: 8 * 1024 * 1024,
  idleTimeout: 60,
  sendPingsAutomatically: true,
  upgrade: (res, req, context) => {
    res.upgrade<Connection>(
      {
        room: `room/${req.getQuery('room') ?? ''}`,
        participantId: req.getQuery('p') ?? 'p',
        session: `session/${++sessions}`,
      },
      req.getHeader('sec-websocket-key'),
      req.getHeader('sec-websocket-protocol'),
      req.getHeader('sec-websocket-extensions'),
      context,
    );
  },
  open: (ws) => {
    const { room, session } = ws.getUserData();
    ws.subscribe(room);
    ws.subscribe(session);
    // The load generator only reads the welcome's type.
    ws.send(encode({ v: 1, t: 'welcome', d: {} } as unknown as ServerMessage), true);
  },
  message: (ws, data) => {
    const { room, participantId, session } = ws.getUserData();
    const message = unpackr.unpack(new Uint8Array(data)) as { t?: string; id?: number };
    if (typeof message.id !== 'number') return;
    if (message.t === 'vote.cast') {
      const seq = (seqs.get(room) ?? 0) + 1;
      seqs.set(room, seq);
      app.publish(room, encode({ v: 1, t: 'vote.cast', seq, d: { participantId } }), true);
    }
    app.publish(session, encode({ v: 1, t: 'ack', d: { id: message.id } }), true);
  },
});

app.listen('127.0.0.1', Number(argv[2] ?? 0), (socket) => {
  if (!socket) throw new Error('cannot listen');
  console.log(`port ${uWS.us_socket_local_port(socket)}`);
});
