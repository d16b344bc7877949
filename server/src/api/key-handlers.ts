import type { Static } from '@sinclair/typebox';
import { HttpProblem } from '../http/request-reply.js';
import { createKey, listKeys, revokeKey, rotateKey } from '../storage/api-keys.js';
import type { Handler, RestDeps } from './handler.js';
import type { CreateKeyBody, RotateKeyBody } from './request-schemas.js';

const DEFAULT_GRACE_SECONDS = 86_400;

/** The account's API keys. A key can only make keys with its own mode and at most its own scopes. */
export function keyHandlers(deps: RestDeps) {
  const { sql } = deps;

  const createKeyHandler: Handler = async ({ body, key }) => {
    const input = body as Static<typeof CreateKeyBody>;
    const mode = input.mode ?? key.mode;
    if (mode !== key.mode)
      throw new HttpProblem(
        'key_mode_mismatch',
        `mode: a ${key.mode} key cannot create ${mode} keys; use a ${mode} key`,
      );
    const scopes = input.scopes ?? key.scopes;
    const beyond = scopes.filter((scope) => !key.scopes.includes(scope));
    if (beyond.length > 0)
      throw new HttpProblem('scope_missing', `scopes: this key does not have ${beyond.join(', ')} itself`);
    const created = await createKey(sql, key.accountId, {
      name: input.name,
      mode,
      scopes,
      rateLimit: input.rateLimit,
    });
    return { status: 201, body: { ...created.key, secret: created.secret } };
  };

  const listKeysHandler: Handler = async ({ key }) => ({
    status: 200,
    body: { data: await listKeys(sql, key) },
  });

  const revokeKeyHandler: Handler = async ({ params, key }) => {
    const revoked = await revokeKey(sql, key, params.keyId ?? '');
    if (revoked === null)
      throw new HttpProblem('not_found', 'No API key with this id exists for your account.');
    return { status: 200, body: revoked };
  };

  const rotateKeyHandler: Handler = async ({ params, body, key }) => {
    const input = body as Static<typeof RotateKeyBody>;
    const rotated = await rotateKey(
      sql,
      key,
      params.keyId ?? '',
      input.gracePeriodSeconds ?? DEFAULT_GRACE_SECONDS,
    );
    if (rotated === null)
      throw new HttpProblem('not_found', 'No active API key with this id exists for your account.');
    return { status: 201, body: { ...rotated.key, secret: rotated.secret } };
  };

  return {
    createKey: createKeyHandler,
    listKeys: listKeysHandler,
    revokeKey: revokeKeyHandler,
    rotateKey: rotateKeyHandler,
  };
}
