import { afterAll, beforeAll } from 'vitest';
import { ProtocolClient } from '../support/protocol-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ApiClient } from './api-client.js';
import { type RoundsFixture, roundsSuite } from './suites/rounds.js';

// The REST suite runs on PostgreSQL; rounds over REST run here on the embedded storage too.
let server: TestServer;
let fixture: RoundsFixture;
const sockets: ProtocolClient[] = [];

beforeAll(async () => {
  server = await startTestServer('embedded');
  const api = new ApiClient(server.url, server.key);
  fixture = {
    api,
    async join(roomId, name, role = 'voter') {
      const minted = await api.post(`/v1/rooms/${roomId}/tokens`, { name, role });
      const client = await ProtocolClient.connect(minted.body.wsUrl, minted.body.token);
      sockets.push(client);
      return client;
    },
  };
}, 30_000);

afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await server?.destroy();
});

roundsSuite(() => fixture);
