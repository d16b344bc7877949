/**
 * Writes docs/rest-reference.md, a static reference of the REST API rendered from the OpenAPI
 * document (the same one openapi/generate.ts writes) and the error table of the protocol, then
 * formatted by Biome so the committed page is both generated and formatted.
 * Run: `node --conditions=source --import tsx openapi/render-reference.ts` (or `npm run openapi`).
 * `--check` exits non-zero when the committed page is out of date.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '../packages/protocol/src/error-codes.js';
import { buildOpenApiDocument } from '../server/src/api/openapi-document.js';

type Json = Record<string, unknown>;

/** Where the reference page lives. */
export const REFERENCE_PATH = fileURLToPath(new URL('../docs/rest-reference.md', import.meta.url));

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIOME = fileURLToPath(new URL('../node_modules/@biomejs/biome/bin/biome', import.meta.url));
const METHODS: readonly string[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const ERROR_CODE_NAMES = Object.keys(ERROR_CODES);

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asObject = (value: unknown): Json => (isObject(value) ? value : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** GitHub's heading anchor for a heading text. */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

const schemaHeading = (name: string) => `Schema: ${name}`;
const schemaLink = (name: string) => `[${name}](#${slug(schemaHeading(name))})`;
const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** Text fit for one table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (text: string) => `\`${text}\``;

/** One operation of the document, with where it lives. */
interface OperationEntry {
  readonly method: string;
  readonly path: string;
  readonly id: string;
  readonly tag: string;
  readonly operation: Json;
}

/** One row of a field table. */
interface FieldRow {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly constraints: string;
  readonly description: string;
}

class Reference {
  readonly #doc: Json;
  readonly #components: Json;

  constructor(doc: Json) {
    this.#doc = doc;
    this.#components = asObject(doc.components);
  }

  /** Follows a `$ref` to a component (parameters, responses, headers…), once. */
  resolve(value: unknown): Json {
    const object = asObject(value);
    const ref = asString(object.$ref);
    if (ref === undefined) return object;
    const [, , kind, name] = ref.split('/');
    const target = asObject(asObject(this.#components[kind ?? ''])[name ?? '']);
    if (Object.keys(target).length === 0) throw new Error(`unresolved $ref ${ref}`);
    return target;
  }

  schemas(): [string, Json][] {
    return Object.entries(asObject(this.#components.schemas))
      .map(([name, schema]): [string, Json] => [name, asObject(schema)])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  schema(name: string): Json {
    return asObject(asObject(this.#components.schemas)[name]);
  }

  operations(): OperationEntry[] {
    const out: OperationEntry[] = [];
    for (const [path, item] of Object.entries(asObject(this.#doc.paths))) {
      for (const [method, value] of Object.entries(asObject(item))) {
        if (!METHODS.includes(method)) continue;
        const operation = asObject(value);
        out.push({
          method,
          path,
          id: asString(operation.operationId) ?? `${method} ${path}`,
          tag: asString(asArray(operation.tags)[0]) ?? 'Other',
          operation,
        });
      }
    }
    return out;
  }

  /** The `webhooks` section: each event type with its POST operation. */
  webhooks(): [string, Json][] {
    return Object.entries(asObject(this.#doc.webhooks)).map(([type, item]): [string, Json] => [
      type,
      asObject(asObject(item).post),
    ]);
  }

  tags(): { name: string; description: string }[] {
    const declared = asArray(this.#doc.tags).map((tag) => ({
      name: asString(asObject(tag).name) ?? '',
      description: asString(asObject(tag).description) ?? '',
    }));
    const known = new Set(declared.map((tag) => tag.name));
    for (const op of this.operations()) {
      if (!known.has(op.tag)) {
        known.add(op.tag);
        declared.push({ name: op.tag, description: '' });
      }
    }
    return declared;
  }

  baseUrl(): string {
    return asString(asObject(asArray(this.#doc.servers)[0]).url) ?? 'http://localhost:8080';
  }

  info(): Json {
    return asObject(this.#doc.info);
  }
}

// ---------------------------------------------------------------------------------------------
// JSON Schema → readable text

const constsOf = (schema: Json): unknown[] | undefined => {
  if (Array.isArray(schema.enum)) return schema.enum;
  const branches = asArray(schema.anyOf ?? schema.oneOf);
  if (branches.length === 0 || !branches.every((b) => isObject(b) && 'const' in b)) return undefined;
  return branches.map((b) => asObject(b).const);
};

const nonNullBranches = (schema: Json): Json[] =>
  asArray(schema.anyOf ?? schema.oneOf)
    .map(asObject)
    .filter((b) => b.type !== 'null');

/** The type of a schema in a few words: `string`, `"a" \| "b"`, `array of Card`, `integer \| null`. */
function typeOf(schema: Json): string {
  const ref = asString(schema.$ref);
  if (ref !== undefined) return schemaLink(refName(ref));
  if ('const' in schema) return code(JSON.stringify(schema.const));
  const consts = constsOf(schema);
  if (consts !== undefined) {
    const names = consts.map(String);
    if (names.length === ERROR_CODE_NAMES.length && ERROR_CODE_NAMES.every((n) => names.includes(n)))
      return 'string ([error code](#errors))';
    return consts.map((value) => code(JSON.stringify(value))).join(' | ');
  }
  const branches = asArray(schema.anyOf ?? schema.oneOf);
  if (branches.length > 0) return branches.map((b) => typeOf(asObject(b))).join(' | ');
  const type = schema.type;
  if (Array.isArray(type)) return type.map(String).join(' | ');
  if (type === 'array') {
    const items = asObject(schema.items);
    const inner = typeOf(items);
    const wrapped = asArray(items.anyOf ?? items.oneOf).length > 1 ? `(${inner})` : inner;
    return `array of ${wrapped}`;
  }
  if (type === 'object' || isObject(schema.properties)) {
    const pattern = Object.values(asObject(schema.patternProperties))[0];
    const additional = schema.additionalProperties;
    if (isObject(pattern)) return `map of ${typeOf(pattern)}`;
    if (isObject(additional)) return `map of ${typeOf(additional)}`;
    return 'object';
  }
  if (typeof type === 'string') {
    const format = asString(schema.format);
    return format === undefined ? type : `${type} (${format})`;
  }
  return 'any';
}

/** The limits a schema puts on a value, e.g. `1 to 64 characters`, `≤ 100`, `default 20`. */
function constraintsOf(schema: Json): string[] {
  const out: string[] = [];
  const range = (min: unknown, max: unknown, unit: string) => {
    const suffix = unit === '' ? '' : ` ${unit}`;
    if (typeof min === 'number' && typeof max === 'number')
      out.push(min === max ? `exactly ${min}${suffix}` : `${min} to ${max}${suffix}`);
    else if (typeof min === 'number') out.push(`at least ${min}${suffix}`);
    else if (typeof max === 'number') out.push(`at most ${max}${suffix}`);
  };
  range(schema.minLength, schema.maxLength, 'characters');
  range(schema.minimum, schema.maximum, '');
  if (typeof schema.exclusiveMinimum === 'number') out.push(`> ${schema.exclusiveMinimum}`);
  if (typeof schema.exclusiveMaximum === 'number') out.push(`< ${schema.exclusiveMaximum}`);
  range(schema.minItems, schema.maxItems, 'items');
  if (schema.uniqueItems === true) out.push('unique items');
  if (typeof schema.pattern === 'string') out.push(`pattern ${code(schema.pattern)}`);
  if (isObject(schema.patternProperties)) {
    for (const key of Object.keys(schema.patternProperties)) {
      if (key !== '^(.*)$') out.push(`keys match ${code(key)}`);
    }
  }
  if ('default' in schema) out.push(`default ${code(JSON.stringify(schema.default))}`);
  for (const branch of nonNullBranches(schema)) {
    if (branch.$ref === undefined && !('const' in branch)) out.push(...constraintsOf(branch));
  }
  if (schema.type === 'array' && isObject(schema.items) && schema.items.$ref === undefined) {
    for (const item of constraintsOf(schema.items)) out.push(`each: ${item}`);
  }
  return out;
}

/** The inline object a property's fields continue in (`a.b`, `a[].b`), if any. */
function nestedObject(schema: Json): { schema: Json; suffix: string } | undefined {
  if (isObject(schema.properties)) return { schema, suffix: '.' };
  if (schema.type === 'array' && isObject(schema.items)) {
    const nested = nestedObject(schema.items);
    return nested === undefined ? undefined : { schema: nested.schema, suffix: `[]${nested.suffix}` };
  }
  const branches = nonNullBranches(schema);
  const first = branches[0];
  if (branches.length === 1 && first !== undefined) return nestedObject(first);
  return undefined;
}

/** The rows of a field table: every property, inline objects as dotted names. */
function fieldsOf(schema: Json, prefix = ''): FieldRow[] {
  const required = new Set(asArray(schema.required).map(String));
  const rows: FieldRow[] = [];
  for (const [name, value] of Object.entries(asObject(schema.properties))) {
    const property = asObject(value);
    const branchDescription = nonNullBranches(property)
      .map((b) => asString(b.description))
      .find((d) => d !== undefined);
    const items = asObject(property.items);
    rows.push({
      name: prefix + name,
      type: typeOf(property),
      required: required.has(name),
      constraints: constraintsOf(property).join(', '),
      description: asString(property.description) ?? branchDescription ?? asString(items.description) ?? '',
    });
    const nested = nestedObject(property);
    if (nested !== undefined) rows.push(...fieldsOf(nested.schema, `${prefix}${name}${nested.suffix}`));
  }
  return rows;
}

function fieldTable(schema: Json): string[] {
  const rows = fieldsOf(schema);
  if (rows.length === 0) return [`Type: ${typeOf(schema)}.`, ''];
  return [
    '| field | type | required | constraints | description |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${code(row.name)} | ${cell(row.type)} | ${row.required ? 'yes' : 'no'} | ${cell(row.constraints)} | ${cell(row.description)} |`,
    ),
    '',
  ];
}

// ---------------------------------------------------------------------------------------------
// Examples

/** A plausible value for a schema: required fields always, optional ones at the top level only. */
function exampleOf(reference: Reference, schema: Json, key: string, depth: number): unknown {
  const ref = asString(schema.$ref);
  if (ref !== undefined)
    return depth > 6 ? {} : exampleOf(reference, reference.schema(refName(ref)), key, depth);
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const branch = nonNullBranches(schema)[0];
  if (branch !== undefined) return exampleOf(reference, branch, key, depth);
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'date-time') return '2025-01-01T00:00:00Z';
      if (/url$/i.test(key) || schema.format === 'uri' || schema.pattern === '^https?://')
        return 'https://example.com/';
      return 'string';
    }
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'array': {
      const count = Math.max(1, typeof schema.minItems === 'number' ? schema.minItems : 1);
      const item = exampleOf(reference, asObject(schema.items), key, depth + 1);
      return Array.from({ length: count }, () => item);
    }
    default: {
      const required = new Set(asArray(schema.required).map(String));
      const out: Json = {};
      for (const [name, value] of Object.entries(asObject(schema.properties))) {
        if (depth > 0 && !required.has(name)) continue;
        const example = exampleOf(reference, asObject(value), name, depth + 1);
        if (!required.has(name) && isObject(example) && Object.keys(example).length === 0) continue;
        out[name] = example;
      }
      return out;
    }
  }
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
const placeholder = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

function curlOf(
  reference: Reference,
  op: OperationEntry,
  secured: boolean,
  body: Json | undefined,
): string[] {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => `$${placeholder(name)}`);
  const url = `"${reference.baseUrl()}${path}"`;
  const parts = [op.method === 'get' ? `curl -s ${url}` : `curl -s -X ${op.method.toUpperCase()} ${url}`];
  if (secured) parts.push('-H "Authorization: Bearer $KEY"');
  if (op.method === 'post') parts.push('-H "Idempotency-Key: $(uuidgen)"');
  if (body !== undefined) {
    parts.push("-H 'Content-Type: application/json'");
    parts.push(`-d ${shellQuote(JSON.stringify(exampleOf(reference, body, '', 0)))}`);
  }
  return ['```sh', parts.join(' \\\n  '), '```', ''];
}

// ---------------------------------------------------------------------------------------------
// The page

function operationSection(reference: Reference, op: OperationEntry): string[] {
  const operation = op.operation;
  const lines: string[] = [`### ${op.id}`, ''];
  lines.push(`${code(`${op.method.toUpperCase()} ${op.path}`)} — ${asString(operation.summary) ?? ''}`, '');
  const description = asString(operation.description);
  if (description !== undefined) lines.push(description, '');

  const scope = asString(operation['x-scope']);
  const security = operation.security;
  const secured = !(Array.isArray(security) && security.length === 0);
  lines.push(
    scope !== undefined
      ? `**Scope:** ${code(scope)} (the secret key must have it).`
      : secured
        ? '**Scope:** any secret key.'
        : '**Scope:** none; public, no key needed.',
    '',
  );

  const parameters = asArray(operation.parameters).map((p) => reference.resolve(p));
  if (parameters.length > 0) {
    lines.push('**Parameters**', '');
    lines.push('| name | in | type | required | description |', '| --- | --- | --- | --- | --- |');
    for (const parameter of parameters) {
      const schema = asObject(parameter.schema);
      const constraints = constraintsOf(schema);
      const description = [asString(parameter.description) ?? asString(schema.description) ?? '']
        .concat(constraints.length === 0 ? [] : [`(${constraints.join(', ')})`])
        .filter((part) => part !== '')
        .join(' ');
      lines.push(
        `| ${code(asString(parameter.name) ?? '')} | ${asString(parameter.in) ?? ''} | ${cell(typeOf(schema))} | ${parameter.required === true ? 'yes' : 'no'} | ${cell(description)} |`,
      );
    }
    lines.push('');
  }

  let body: Json | undefined;
  const requestBody = reference.resolve(operation.requestBody);
  if (Object.keys(requestBody).length > 0) {
    const content = Object.entries(asObject(requestBody.content));
    lines.push(`**Request body** (${requestBody.required === true ? 'required' : 'optional'})`, '');
    for (const [type, media] of content) {
      const schema = asObject(asObject(media).schema);
      const ref = asString(schema.$ref);
      const resolved = ref === undefined ? schema : reference.schema(refName(ref));
      if (type.includes('json') && body === undefined) body = schema;
      lines.push(`${code(type)}${ref === undefined ? '' : `, ${schemaLink(refName(ref))}`}:`, '');
      lines.push(...fieldTable(resolved));
    }
  }

  const responses = Object.entries(asObject(operation.responses)).sort(([a], [b]) => a.localeCompare(b));
  lines.push('**Responses**', '');
  lines.push('| status | description | content type | schema |', '| --- | --- | --- | --- |');
  for (const [status, value] of responses) {
    const response = reference.resolve(value);
    const content = Object.entries(asObject(response.content));
    const types = content.map(([type]) => code(type)).join(', ');
    const schemas = content.map(([, media]) => {
      const schema = asObject(asObject(media).schema);
      const examples = Object.keys(asObject(asObject(media).examples));
      const text = typeOf(schema);
      return examples.length === 0 ? text : `${text}: ${examples.map(code).join(', ')}`;
    });
    const unique = [...new Set(schemas)];
    lines.push(
      `| ${status} | ${cell(asString(response.description) ?? '')} | ${cell(types || '—')} | ${cell(unique.join('; ') || '—')} |`,
    );
  }
  lines.push('');

  lines.push('**Example**', '');
  lines.push(...curlOf(reference, op, secured, body));
  return lines;
}

const eventHeading = (type: string) => `Event: ${type}`;

function webhookSection(reference: Reference, type: string, operation: Json): string[] {
  const lines: string[] = [`### ${eventHeading(type)}`, ''];
  lines.push(`${asString(operation.summary) ?? ''}.`, '');
  const description = asString(operation.description);
  if (description !== undefined) lines.push(description, '');
  const schema = asObject(
    asObject(asObject(reference.resolve(operation.requestBody).content)['application/json']).schema,
  );
  const ref = asString(schema.$ref);
  const resolved = ref === undefined ? schema : reference.schema(refName(ref));
  lines.push(`**Body**${ref === undefined ? '' : ` (${schemaLink(refName(ref))})`}`, '');
  lines.push(...fieldTable(resolved));
  lines.push('```json', JSON.stringify(exampleOf(reference, schema, '', 0), null, 2), '```', '');
  return lines;
}

/** The Markdown of the reference, before formatting. */
export function renderReferenceMarkdown(doc: Json = buildOpenApiDocument()): string {
  const reference = new Reference(doc);
  const info = reference.info();
  const operations = reference.operations();
  const tags = reference.tags().filter((tag) => operations.some((op) => op.tag === tag.name));
  const schemas = reference.schemas();
  const webhooks = reference.webhooks();
  const headings: string[] = ['Contents', 'Schemas', 'Errors'];

  const lines: string[] = [
    '<!-- Generated by openapi/render-reference.ts from the OpenAPI document. Do not edit: run npm run openapi. -->',
    '',
    `# ${asString(info.title) ?? 'REST API'} reference`,
    '',
    `Version ${asString(info.version) ?? ''} of the REST contract, rendered from [\`openapi/openapi.yaml\`](../openapi/openapi.yaml). ` +
      'For a guided tour with a quick start, see the [REST API guide](rest-api.md).',
    '',
    `- **Base URL:** ${code(reference.baseUrl())}; every route but the operational ones is under ${code('/v1')}. ` +
      `A local server (${code('npm start')}) serves the same paths.`,
    `- **Authentication:** a secret key as a bearer token, ${code('Authorization: Bearer sk_test_…')} (or ${code('sk_live_…')}). ` +
      'Each operation names the scope the key needs.',
    `- **Errors:** ${code('application/problem+json')} with a stable ${code('code')} and ${code('retryable')}; see [Errors](#errors).`,
    `- **Idempotency:** every ${code('POST')} honours an ${code('Idempotency-Key')} header: the same key and body answer the first answer again for 24 hours.`,
    `- **Rate limits:** every keyed answer carries ${code('RateLimit-Limit')}, ${code('RateLimit-Remaining')} and ${code('RateLimit-Reset')}; a 429 adds ${code('Retry-After')}.`,
    `- **Pagination:** lists answer ${code('{ "data": [...], "nextCursor": ... }')}; pass ${code('nextCursor')} as ${code('cursor')} for the next page, with ${code('limit')} per page.`,
    '',
    `The examples expect ${code('KEY')} to hold a secret key and the ${code('ROOM_ID')}-style variables to hold ids.`,
    '',
    '## Contents',
    '',
  ];
  for (const tag of tags) {
    lines.push(`- [${tag.name}](#${slug(tag.name)})`);
    headings.push(tag.name);
    for (const op of operations.filter((o) => o.tag === tag.name)) {
      lines.push(
        `  - [${code(`${op.method.toUpperCase()} ${op.path}`)}](#${slug(op.id)}) — ${asString(op.operation.summary) ?? ''}`,
      );
      headings.push(op.id);
    }
  }
  if (webhooks.length > 0) {
    lines.push('- [Webhook events](#webhook-events)');
    headings.push('Webhook events');
    for (const [type, operation] of webhooks) {
      lines.push(`  - [${code(type)}](#${slug(eventHeading(type))}) — ${asString(operation.summary) ?? ''}`);
      headings.push(eventHeading(type));
    }
  }
  lines.push('- [Schemas](#schemas)', '- [Errors](#errors)', '');

  for (const tag of tags) {
    lines.push(`## ${tag.name}`, '');
    if (tag.description !== '') lines.push(tag.description, '');
    for (const op of operations.filter((o) => o.tag === tag.name))
      lines.push(...operationSection(reference, op));
  }

  if (webhooks.length > 0) {
    lines.push(
      '## Webhook events',
      '',
      `What Poker Room POSTs to your webhook endpoints, one section per event type (the ${code('webhooks')} section of the document). ` +
        `Every delivery carries ${code('webhook-id')}, ${code('webhook-timestamp')} and ${code('webhook-signature')} headers; ` +
        `answer 2xx within 10 seconds, anything else is retried with the same id and body. See the [webhooks guide](webhooks.md).`,
      '',
    );
    for (const [type, operation] of webhooks) lines.push(...webhookSection(reference, type, operation));
  }

  lines.push('## Schemas', '', 'The shapes the operations above take and answer, by name.', '');
  for (const [name, schema] of schemas) {
    headings.push(schemaHeading(name));
    lines.push(`### ${schemaHeading(name)}`, '');
    const description = asString(schema.description);
    if (description !== undefined) lines.push(description, '');
    lines.push(...fieldTable(schema));
  }

  lines.push(
    '## Errors',
    '',
    `Every error code of the REST API and the realtime protocol. React to ${code('code')} (or to its kind when you do not know it), never to the message. ` +
      `A code marked retryable may succeed if the same request is sent again later.`,
    '',
    '| code | HTTP status | kind | retryable | message |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const [name, info] of Object.entries(ERROR_CODES)) {
    lines.push(
      `| ${code(name)} | ${info.status} | ${info.kind} | ${info.retryable ? 'yes' : 'no'} | ${cell(info.message)} |`,
    );
  }
  lines.push('');

  const seen = new Set<string>();
  for (const heading of headings) {
    const anchor = slug(heading);
    if (seen.has(anchor)) throw new Error(`two headings share the anchor #${anchor}`);
    seen.add(anchor);
  }
  return lines.join('\n');
}

/** Formats Markdown the way `biome check` wants it. */
export function formatMarkdown(markdown: string): string {
  const result = spawnSync(process.execPath, [BIOME, 'format', `--stdin-file-path=docs/rest-reference.md`], {
    cwd: ROOT,
    input: markdown,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** The text docs/rest-reference.md must have. */
export function renderReference(): string {
  return formatMarkdown(renderReferenceMarkdown());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = renderReference();
  if (process.argv.includes('--check')) {
    if (readFileSync(REFERENCE_PATH, 'utf8') !== text) {
      console.error('docs/rest-reference.md is out of date: run npm run openapi');
      process.exit(1);
    }
  } else {
    writeFileSync(REFERENCE_PATH, text);
    console.log(`wrote ${REFERENCE_PATH}`);
  }
}
