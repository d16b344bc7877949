/**
 * Load generator of the durable-votes benchmark (a child of `votes.ts`, driven over IPC): opens
 * WebSockets to the server(s), has each room's facilitator start a round, then runs the phases it
 * is given with {@link VoterDriver}, counting acks (with their latency), errors by code, and the
 * `vote.cast` events every client receives.
 *
 * The sockets are a minimal RFC 6455 client on `node:http` upgrade (binary frames, masked sends,
 * no extensions): the server sends ten frames per vote, and a lean parser keeps the load generator
 * from being what limits the run. Commands are encoded with the protocol's own `encode`; server
 * frames are decoded with the same msgpackr settings, without schema validation.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { Unpackr } from 'msgpackr';
import { encode } from '../packages/protocol/src/index.js'; // the sources: a benchmark must not need a build first
import {
  type FromLoad,
  type LoadClient,
  type PhaseResult,
  type ToLoad,
  type Voter,
  VoterDriver,
} from './votes-shared.js';

const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true });
/**
 * How every `vote.cast` event frame begins (map header, `v`, `t` and the type), taken from the
 * protocol's own encoder: nine frames in ten are these, and counting them needs no decoding.
 */
const VOTE_EVENT_PREFIX = (() => {
  const sample = encode({ v: 1, t: 'vote.cast', seq: 1, d: { participantId: 'p' } } as Parameters<
    typeof encode
  >[0]);
  const start = Buffer.from(sample.subarray(0, sample.indexOf(0xa9) + 1 + 'vote.cast'.length));
  if (!start.includes(Buffer.from('vote.cast'))) throw new Error('unexpected vote.cast frame layout');
  return start;
})();
const driver = new VoterDriver();
const clients: Client[] = [];
let deliveries = 0;
let otherFrames = 0;
const closes: Record<string, number> = {};

const send = (message: FromLoad) => process.send?.(message);

/** Sends a masked binary frame. */
function frame(payload: Uint8Array, opcode = 0x2): Buffer {
  const length = payload.length;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(header + 4 + length);
  out[0] = 0x80 | opcode;
  if (length < 126) out[1] = 0x80 | length;
  else if (length < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(length, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = (Math.random() * 0x1_0000_0000) >>> 0;
  out.writeUInt32BE(mask, header);
  const m0 = mask >>> 24;
  const m1 = (mask >>> 16) & 0xff;
  const m2 = (mask >>> 8) & 0xff;
  const m3 = mask & 0xff;
  const start = header + 4;
  for (let i = 0; i < length; i++) {
    const m = (i & 3) === 0 ? m0 : (i & 3) === 1 ? m1 : (i & 3) === 2 ? m2 : m3;
    out[start + i] = (payload[i] ?? 0) ^ m;
  }
  return out;
}

class Client implements Voter {
  socket: Socket | null = null;
  open = false;
  #buffer: Buffer = Buffer.alloc(0);
  #nextId = 1;
  readonly #pending = new Map<
    number,
    { sentAt: number; vote: boolean; resolve?: (code: string | null) => void }
  >();
  index = -1;

  constructor(readonly spec: LoadClient) {}

  connect(): Promise<void> {
    const url = new URL(this.spec.url);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error('timeout'));
      }, 30_000);
      const req = request({
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        localAddress: this.spec.localAddress,
        agent: false,
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
          'Sec-WebSocket-Protocol': 'pokerroom.v1',
        },
      });
      req.on('upgrade', (_res, socket, head) => {
        clearTimeout(timer);
        this.socket = socket;
        this.open = true;
        socket.setNoDelay(true);
        socket.on('data', (chunk: Buffer) => this.#onData(chunk));
        socket.on('error', () => {});
        socket.on('close', () => this.#onClose('1006'));
        let welcomed = false;
        this.onWelcome = () => {
          if (!welcomed) resolve();
          welcomed = true;
        };
        if (head.length > 0) this.#onData(head);
      });
      req.on('response', (res) => {
        clearTimeout(timer);
        res.resume();
        reject(new Error(`HTTP ${res.statusCode}`));
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end();
    });
  }

  onWelcome: () => void = () => {};

  /** Sends a command; for votes the driver hears the answer, otherwise `command` resolves with it. */
  send(card: string, sentAt: number): boolean {
    return this.#command('vote.cast', { card }, sentAt, true) !== null;
  }

  command(t: string, d: Record<string, unknown>): Promise<string | null> {
    return new Promise((resolve) => {
      if (this.#command(t, d, performance.now(), false, resolve) === null) resolve('closed');
    });
  }

  #command(
    t: string,
    d: Record<string, unknown>,
    sentAt: number,
    vote: boolean,
    resolve?: (code: string | null) => void,
  ): number | null {
    if (!this.open || this.socket === null) return null;
    const id = this.#nextId++;
    this.#pending.set(id, resolve === undefined ? { sentAt, vote } : { sentAt, vote, resolve });
    this.socket.write(frame(encode({ v: 1, t, id, d } as Parameters<typeof encode>[0])));
    return id;
  }

  #onData(chunk: Buffer): void {
    let buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    let offset = 0;
    for (;;) {
      if (buffer.length - offset < 2) break;
      const b0 = buffer[offset] ?? 0;
      const b1 = buffer[offset + 1] ?? 0;
      let length = b1 & 0x7f;
      let header = 2;
      if (length === 126) {
        if (buffer.length - offset < 4) break;
        length = buffer.readUInt16BE(offset + 2);
        header = 4;
      } else if (length === 127) {
        if (buffer.length - offset < 10) break;
        length = Number(buffer.readBigUInt64BE(offset + 2));
        header = 10;
      }
      if (buffer.length - offset < header + length) break;
      const payload = buffer.subarray(offset + header, offset + header + length);
      offset += header + length;
      this.#onFrame(b0 & 0x0f, payload);
    }
    this.#buffer = offset === buffer.length ? Buffer.alloc(0) : Buffer.from(buffer.subarray(offset));
    buffer = this.#buffer;
  }

  #onFrame(opcode: number, payload: Buffer): void {
    if (opcode === 0x2) {
      if (
        payload.length > VOTE_EVENT_PREFIX.length &&
        VOTE_EVENT_PREFIX.equals(payload.subarray(0, VOTE_EVENT_PREFIX.length))
      ) {
        deliveries++;
        return;
      }
      let message: { t?: string; d?: { id?: number; code?: string | number } };
      try {
        message = unpackr.unpack(payload) as typeof message;
      } catch {
        otherFrames++;
        return;
      }
      const t = message.t;
      if (t === 'vote.cast') {
        deliveries++;
      } else if (t === 'ack' || t === 'error') {
        const id = message.d?.id;
        const pending = id === undefined ? undefined : this.#pending.get(id);
        if (pending === undefined || id === undefined) {
          otherFrames++;
          return;
        }
        this.#pending.delete(id);
        const code = t === 'ack' ? null : String(message.d?.code ?? 'error');
        if (pending.vote) driver.answered(this.index, pending.sentAt, code);
        else pending.resolve?.(code);
      } else {
        if (t === 'welcome') this.onWelcome();
        otherFrames++;
      }
    } else if (opcode === 0x8) {
      const code = payload.length >= 2 ? String(payload.readUInt16BE(0)) : '1005';
      this.#onClose(code);
      this.socket?.end();
    } else if (opcode === 0x9) {
      this.socket?.write(frame(payload, 0xa));
    }
  }

  #onClose(code: string): void {
    if (!this.open) return;
    this.open = false;
    closes[code] = (closes[code] ?? 0) + 1;
    for (const pending of this.#pending.values()) pending.resolve?.('closed');
    this.#pending.clear();
    driver.lost(this.index);
  }

  close(): void {
    if (this.socket === null) return;
    if (this.open) this.socket.write(frame(Buffer.from([0x03, 0xe8]), 0x8));
    this.open = false;
    const socket = this.socket;
    setTimeout(() => socket.destroy(), 500).unref();
  }
}

async function connectAll(specs: LoadClient[]): Promise<void> {
  const failed: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < specs.length) {
      const spec = specs[next++];
      if (spec === undefined) break;
      const client = new Client(spec);
      try {
        await client.connect();
        client.index = driver.add(client);
        clients.push(client);
      } catch (error) {
        const key = error instanceof Error ? error.message.slice(0, 60) : 'error';
        failed[key] = (failed[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  send({ type: 'connected', open: clients.filter((c) => c.open).length, failed });
}

async function startRounds(): Promise<void> {
  const errors: Record<string, number> = {};
  let ok = 0;
  await Promise.all(
    clients
      .filter((client) => client.spec.facilitator)
      .map(async (client) => {
        const code = await client.command('round.start', {});
        if (code === null) ok++;
        else errors[code] = (errors[code] ?? 0) + 1;
      }),
  );
  send({ type: 'round-started', ok, errors });
}

const snapshot = (): Omit<PhaseResult, 'hist' | 'acked' | 'sent' | 'errors' | 'unanswered'> => ({
  deliveries,
  otherFrames,
  closes: { ...closes },
  connections: clients.length,
  open: clients.filter((c) => c.open).length,
});

process.on('message', (message: ToLoad) => {
  if (message.type === 'connect') void connectAll(message.clients);
  else if (message.type === 'start-round') void startRounds();
  else if (message.type === 'phase') {
    void driver
      .run(message.plan, message.totalRate, snapshot)
      .then((result) => send({ type: 'phase-result', result }));
  } else if (message.type === 'exit') {
    for (const client of clients) client.close();
    setTimeout(() => process.exit(0), 700);
  }
});
process.on('disconnect', () => process.exit(0));
// Never outlive a run: the whole suite is bounded well below this.
setTimeout(() => process.exit(3), 10 * 60_000).unref();
