import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '@pokerroom/protocol';
import { describe, expect, it } from 'vitest';
import { REFERENCE_PATH, renderReference } from '../../../openapi/render-reference.js';
import { buildOpenApiDocument } from '../../src/api/openapi-document.js';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function operationsOf(doc: Json): { id: string; method: string; path: string }[] {
  const out: { id: string; method: string; path: string }[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      out.push({ id: String((operation as Json).operationId), method, path });
    }
  }
  return out;
}

describe('docs/rest-reference.md', () => {
  const committed = readFileSync(REFERENCE_PATH, 'utf8');

  it('is what openapi/render-reference.ts makes from the OpenAPI document (run npm run openapi)', () => {
    expect(committed).toBe(renderReference());
  }, 20_000);

  it('documents every operation of the document, by id and by method and path', () => {
    const operations = operationsOf(buildOpenApiDocument());
    expect(operations.length).toBeGreaterThan(0);
    const missing = operations.filter(
      (op) =>
        !committed.includes(`### ${op.id}\n`) ||
        !committed.includes(`\`${op.method.toUpperCase()} ${op.path}\``),
    );
    expect(missing).toEqual([]);
  });

  it('renders every event type of the webhooks section, with its body', () => {
    const webhooks = Object.keys(buildOpenApiDocument().webhooks as Json);
    expect(webhooks.length).toBeGreaterThan(0);
    expect(webhooks.filter((type) => !committed.includes(`### Event: ${type}\n`))).toEqual([]);
  });

  it('lists every component schema and every error code', () => {
    const schemas = Object.keys((buildOpenApiDocument().components as Json).schemas as Json);
    expect(schemas.filter((name) => !committed.includes(`### Schema: ${name}\n`))).toEqual([]);
    expect(Object.keys(ERROR_CODES).filter((code) => !committed.includes(`| \`${code}\``))).toEqual([]);
  });
});
