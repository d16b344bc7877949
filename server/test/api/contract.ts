import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

/** The committed contract. */
export const OPENAPI_FILE = fileURLToPath(new URL('../../../openapi/openapi.yaml', import.meta.url));
export const spec = parse(readFileSync(OPENAPI_FILE, 'utf8')) as Json & {
  paths: Record<string, Record<string, Json>>;
};

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
// ajv-formats is CommonJS: its default export arrives wrapped or not depending on the loader.
const addFormats = ((formats as unknown as { default?: typeof formats }).default ??
  formats) as typeof formats;
addFormats(ajv);
ajv.addSchema(spec, 'openapi');

const METHODS = ['get', 'post', 'patch', 'delete', 'put'] as const;

/** Every operation of the contract, as `METHOD path` → operationId. */
export const specOperations = new Map<string, string>();
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) {
    const op = item[method] as Json | undefined;
    if (op !== undefined) specOperations.set(`${method.toUpperCase()} ${path}`, String(op.operationId));
  }
}

/** Operation ids a test received a response from. */
export const exercised = new Set<string>();

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

function resolve(value: Json): { value: Json; ref: string | null } {
  const ref = value.$ref;
  if (typeof ref !== 'string') return { value, ref: null };
  const parts = ref.replace(/^#\//, '').split('/');
  let node: unknown = spec;
  for (const part of parts) node = (node as Json)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  return { value: node as Json, ref };
}

function findOperation(method: string, path: string): { template: string; op: Json } | null {
  const bare = path.split('?')[0] ?? path;
  for (const [template, item] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
    const op = item[method.toLowerCase()] as Json | undefined;
    if (op !== undefined && pattern.test(bare)) return { template, op };
  }
  return null;
}

const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** The compiled validator of a schema of the contract, by its JSON pointer; compiled once. */
function validatorOf(base: string): ReturnType<typeof ajv.compile> {
  let validate = validators.get(base);
  if (validate === undefined) {
    validate = ajv.compile({ $ref: base });
    validators.set(base, validate);
  }
  return validate;
}

/**
 * Checks one response against the contract: its status is documented for the operation, its
 * content type is one the operation declares, and its body matches the declared schema.
 * Returns the problems found (empty when it conforms); unknown paths are not checked.
 */
export function checkResponse(
  method: string,
  path: string,
  status: number,
  contentType: string | null,
  body: unknown,
): string[] {
  const found = findOperation(method, path);
  if (found === null) return [];
  const { template, op } = found;
  exercised.add(String(op.operationId));
  const responses = op.responses as Json;
  const declared = responses[String(status)] as Json | undefined;
  if (declared === undefined) return [`${method} ${template}: status ${status} is not documented`];
  const { value: response, ref } = resolve(declared);
  const content = response.content as Json | undefined;
  const type = (contentType ?? '').split(';')[0]?.trim() ?? '';
  if (content === undefined)
    return type === '' || status === 204 || body === ''
      ? []
      : [`${method} ${template} ${status}: no body is documented`];
  const media = content[type] as Json | undefined;
  if (media === undefined)
    return [
      `${method} ${template} ${status}: content type ${type} is not documented (${Object.keys(content).join(', ')})`,
    ];
  if (!type.includes('json')) return [];
  const base =
    ref === null
      ? `openapi#/${pointer('paths', template, method.toLowerCase(), 'responses', String(status), 'content', type, 'schema')}`
      : `openapi${ref}/${pointer('content', type, 'schema')}`;
  const validate = validatorOf(base);
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (e: { instancePath: string; message?: string }) =>
      `${method} ${template} ${status}: ${e.instancePath || 'body'} ${e.message ?? ''}`,
  );
}

/** Webhook event types a test received a delivery of, checked against the contract. */
export const deliveredEventTypes = new Set<string>();

/**
 * Checks the body of one webhook delivery against its event type's schema in the contract's
 * `webhooks` section. Returns the problems found; an event type the contract lacks is one.
 */
export function checkWebhookDelivery(body: unknown): string[] {
  const type = (body as { type?: unknown } | null)?.type;
  const webhooks = (spec.webhooks ?? {}) as Record<string, Json>;
  if (typeof type !== 'string' || webhooks[type] === undefined)
    return [`webhook type ${String(type)} is not in the contract's webhooks section`];
  deliveredEventTypes.add(type);
  const base = `openapi#/${pointer('webhooks', type, 'post', 'requestBody', 'content', 'application/json', 'schema')}`;
  const validate = validatorOf(base);
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (e: { instancePath: string; message?: string }) =>
      `webhook ${type}: ${e.instancePath || 'body'} ${e.message ?? ''}`,
  );
}
