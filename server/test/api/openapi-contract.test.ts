import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lint, loadConfig } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { OPENAPI_PATH, renderOpenApiYaml } from '../../../openapi/generate.js';
import { renderTypes, TYPES_PATH } from '../../../packages/node/scripts/generate-types.js';

describe('openapi/openapi.yaml', () => {
  it('is what openapi/generate.ts makes from the operations and TypeBox schemas (run npm run openapi)', () => {
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(renderOpenApiYaml());
  });

  it('passes the Redocly recommended rules without a warning', async () => {
    const config = await loadConfig({
      configPath: fileURLToPath(new URL('../../../openapi/redocly.yaml', import.meta.url)),
    });
    const problems = await lint({ ref: OPENAPI_PATH, config });
    expect(
      problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`),
    ).toEqual([]);
  });

  it('matches the types committed in @pokerroom/node (run npm run generate -w packages/node)', async () => {
    expect(readFileSync(TYPES_PATH, 'utf8')).toBe(await renderTypes());
  }, 20_000);
});
