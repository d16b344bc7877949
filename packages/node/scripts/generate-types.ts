/**
 * Writes src/generated/api.ts, the SDK's types, from openapi/openapi.yaml with openapi-typescript
 * (then formatted with the repository's Biome settings). `--check` exits non-zero when the
 * committed file is out of date. Run: `npm run generate -w packages/node`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const SPEC = new URL('../../../openapi/openapi.yaml', import.meta.url);
/** Where the generated types are committed. */
export const TYPES_PATH = fileURLToPath(new URL('../src/generated/api.ts', import.meta.url));
const BIOME = fileURLToPath(new URL('../../../node_modules/.bin/biome', import.meta.url));

const HEADER = `/**
 * The REST API's paths, operations and schemas, generated from openapi/openapi.yaml by
 * packages/node/scripts/generate-types.ts. Do not edit.
 *
 * @packageDocumentation
 */
`;

/** The text src/generated/api.ts must have. */
export async function renderTypes(): Promise<string> {
  const ast = await openapiTS(SPEC, { exportType: true, defaultNonNullable: false });
  const raw = HEADER + astToString(ast);
  return execFileSync(BIOME, ['format', `--stdin-file-path=${TYPES_PATH}`], {
    input: raw,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'ignore'],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await renderTypes();
  if (process.argv.includes('--check')) {
    if (readFileSync(TYPES_PATH, 'utf8') !== text) {
      console.error(
        'packages/node/src/generated/api.ts is out of date: run npm run generate -w packages/node',
      );
      process.exit(1);
    }
  } else {
    writeFileSync(TYPES_PATH, text);
    console.log(`wrote ${TYPES_PATH}`);
  }
}
