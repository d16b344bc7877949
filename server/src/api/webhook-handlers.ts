import type { Static } from '@sinclair/typebox';
import { HttpProblem, type RequestInfo } from '../http/request-reply.js';
import { enqueueTestDelivery, listWebhookDeliveries } from '../storage/webhook-deliveries.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from '../storage/webhook-endpoints.js';
import type { Handler, RestDeps } from './handler.js';
import type { CreateWebhookBody, RotateWebhookSecretBody, UpdateWebhookBody } from './webhook-schemas.js';
import { checkWebhookUrl } from './webhook-url.js';

const DEFAULT_GRACE_SECONDS = 86_400;

const notFound = () =>
  new HttpProblem('not_found', 'No webhook endpoint with this id exists for your account.');

/** Opaque page cursors: the id of the last delivery of a page. */
const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');
const decodeCursor = (cursor: string) => {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^dlv_[a-f0-9]{32}$/.test(id))
    throw new HttpProblem('invalid_request', 'cursor: is not a cursor this API returned');
  return id;
};

function queryLimit(info: RequestInfo): number {
  const raw = info.query.get('limit');
  if (raw === null) return 20;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 100)
    throw new HttpProblem('invalid_request', `limit: must be a whole number from 1 to 100, got "${raw}"`);
  return value;
}

/** Webhook endpoints of the account, their secrets, their delivery log and test events. */
export function webhookHandlers(deps: RestDeps) {
  const { sql } = deps;

  const createWebhook: Handler = async ({ body, key }) => {
    const input = body as Static<typeof CreateWebhookBody>;
    const created = await createWebhookEndpoint(sql, key, {
      url: checkWebhookUrl(input.url, key.mode),
      description: input.description ?? null,
      eventTypes: input.eventTypes,
    });
    return { status: 201, body: { ...created.endpoint, secret: created.secret } };
  };

  const listWebhooks: Handler = async ({ key }) => ({
    status: 200,
    body: { data: await listWebhookEndpoints(sql, key) },
  });

  const getWebhook: Handler = async ({ params, key }) => {
    const endpoint = await findWebhookEndpoint(sql, key, params.webhookId ?? '');
    if (endpoint === null) throw notFound();
    return { status: 200, body: endpoint };
  };

  const updateWebhook: Handler = async ({ params, body, key }) => {
    const input = body as Static<typeof UpdateWebhookBody>;
    const updated = await updateWebhookEndpoint(sql, key, params.webhookId ?? '', {
      url: input.url === undefined ? undefined : checkWebhookUrl(input.url, key.mode),
      description: input.description,
      eventTypes: input.eventTypes,
      enabled: input.enabled,
    });
    if (updated === null) throw notFound();
    return { status: 200, body: updated };
  };

  const deleteWebhook: Handler = async ({ params, key }) => {
    if (!(await deleteWebhookEndpoint(sql, key, params.webhookId ?? ''))) throw notFound();
    return { status: 204 };
  };

  const rotateWebhookSecretHandler: Handler = async ({ params, body, key }) => {
    const input = body as Static<typeof RotateWebhookSecretBody>;
    const rotated = await rotateWebhookSecret(
      sql,
      key,
      params.webhookId ?? '',
      input.gracePeriodSeconds ?? DEFAULT_GRACE_SECONDS,
    );
    if (rotated === null) throw notFound();
    return { status: 200, body: { ...rotated.endpoint, secret: rotated.secret } };
  };

  const listWebhookDeliveriesHandler: Handler = async ({ info, params, key }) => {
    const limit = queryLimit(info);
    const cursor = info.query.get('cursor');
    const after = cursor === null ? null : decodeCursor(cursor);
    const endpoint = await findWebhookEndpoint(sql, key, params.webhookId ?? '');
    if (endpoint === null) throw notFound();
    const rows = await listWebhookDeliveries(sql, endpoint.id, { limit: limit + 1, after });
    if (rows === null) throw new HttpProblem('invalid_request', 'cursor: is not a cursor of this endpoint');
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      status: 200,
      body: { data: page, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null },
    };
  };

  const sendTestWebhook: Handler = async ({ params, key }) => {
    const delivery = await enqueueTestDelivery(sql, key, params.webhookId ?? '');
    if (delivery === null) throw notFound();
    return { status: 202, body: delivery };
  };

  return {
    createWebhook,
    listWebhooks,
    getWebhook,
    updateWebhook,
    deleteWebhook,
    rotateWebhookSecret: rotateWebhookSecretHandler,
    listWebhookDeliveries: listWebhookDeliveriesHandler,
    sendTestWebhook,
  };
}
