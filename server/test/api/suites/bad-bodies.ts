import { describe, expect, it } from 'vitest';
import type { ApiFixture } from '../fixture.js';

export function badBodiesSuite(get: () => ApiFixture): void {
  describe('bad request bodies', () => {
    const expectProblem = async (
      send: Promise<{ status: number; body: { code: string; detail: string } }>,
      status: number,
      code: string,
      detail: RegExp,
    ) => {
      const response = await send;
      expect(response.status).toBe(status);
      expect(response.body.code).toBe(code);
      expect(response.body.detail).toMatch(detail);
    };

    it('names the field with the wrong type', async () => {
      await expectProblem(
        get().api.post('/v1/rooms', { name: 5 }),
        400,
        'invalid_request',
        /^name: Expected string/,
      );
    });

    it('names a nested field with the wrong type', async () => {
      await expectProblem(
        get().api.post('/v1/rooms', { settings: { autoReveal: 'yes' } }),
        400,
        'invalid_request',
        /^settings\.autoReveal/,
      );
    });

    it('names an unknown field', async () => {
      await expectProblem(
        get().api.post('/v1/rooms', { nmae: 'typo' }),
        400,
        'invalid_request',
        /^nmae: Unexpected property/,
      );
    });

    it('names a missing required field', async () => {
      const room = (await get().api.post('/v1/rooms', {})).body.id;
      await expectProblem(
        get().api.post(`/v1/rooms/${room}/tokens`, {}),
        400,
        'invalid_request',
        /^name: Expected required property/,
      );
    });

    it('refuses a body that is not an object', async () => {
      await expectProblem(
        get().api.post('/v1/rooms', '[1,2]'),
        400,
        'invalid_request',
        /must be a JSON object/,
      );
    });

    it('refuses invalid JSON', async () => {
      await expectProblem(get().api.post('/v1/rooms', '{"name": '), 400, 'invalid_request', /not valid JSON/);
    });

    it('refuses invalid UTF-8', async () => {
      const bytes = new Uint8Array([
        0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d,
      ]);
      await expectProblem(get().api.post('/v1/rooms', bytes), 400, 'invalid_request', /UTF-8/);
    });

    it('refuses a body that is not application/json with 415', async () => {
      const send = get().api.post('/v1/rooms', 'name=x', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      await expectProblem(send, 415, 'unsupported_media_type', /application\/x-www-form-urlencoded/);
    });

    it('refuses a huge body with 413', async () => {
      const huge = JSON.stringify({ name: 'x'.repeat(300 * 1024) });
      await expectProblem(get().api.post('/v1/rooms', huge), 413, 'body_too_large', /262144 bytes/);
    });

    it('refuses a path that is not valid percent-encoding', async () => {
      await expectProblem(get().api.get('/v1/rooms/%E0%A4%A'), 400, 'invalid_request', /percent-encoding/);
    });

    it('answers a story too long with the limit named', async () => {
      const room = (await get().api.post('/v1/rooms', {})).body.id;
      await expectProblem(
        get().api.post(`/v1/rooms/${room}/stories`, { title: 't'.repeat(201) }),
        400,
        'invalid_request',
        /^title: Expected string length less or equal to 200/,
      );
    });
  });
}
