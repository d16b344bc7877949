/**
 * Writes `src/generated/validators.ts` from the message schemas. Run with
 * `npx tsx packages/protocol/scripts/write-validators.ts` after changing a schema; a test fails
 * while the committed file differs from what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateValidators, VALIDATORS_FILE } from './generate-validators.js';

mkdirSync(dirname(VALIDATORS_FILE), { recursive: true });
writeFileSync(VALIDATORS_FILE, generateValidators());
console.log(`wrote ${VALIDATORS_FILE}`);
