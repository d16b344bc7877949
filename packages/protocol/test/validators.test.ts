import { readdirSync, readFileSync } from 'node:fs';
import {
  CLIENT_COMMANDS,
  ROOM_EVENTS,
  SAFE_TEXT_MESSAGE,
  SAFE_TEXT_PATTERN,
  SESSION_EVENTS,
} from '@pokerroom/protocol';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import fc from 'fast-check';
import { decode } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { generateValidators, VALIDATORS_FILE } from '../scripts/generate-validators.js';
import { COMMAND_CHECKS, ROOM_EVENT_CHECKS, SESSION_EVENT_CHECKS } from '../src/generated/validators.js';
import type { Check } from '../src/validation.js';

describe('generated validators', () => {
  it('are what scripts/write-validators.ts writes from the schemas', () => {
    // On failure: run `npx tsx packages/protocol/scripts/write-validators.ts` and commit the result.
    expect(readFileSync(VALIDATORS_FILE, 'utf8')).toBe(generateValidators());
  });

  it('cover every message type', () => {
    expect(Object.keys(COMMAND_CHECKS)).toEqual(Object.keys(CLIENT_COMMANDS));
    expect(Object.keys(ROOM_EVENT_CHECKS)).toEqual(Object.keys(ROOM_EVENTS));
    expect(Object.keys(SESSION_EVENT_CHECKS)).toEqual(Object.keys(SESSION_EVENTS));
  });
});

// The payloads of the golden frames, mutated at random, are checked by the generated code and by
// TypeBox itself: both must agree on validity and on the first error (path and message).
const payloads: { t: string; d: unknown }[] = ['v1', 'v2'].flatMap((version) => {
  const directory = new URL(`../test-vectors/${version}/`, import.meta.url);
  return readdirSync(directory)
    .filter((file) => file.endsWith('.msgpack'))
    .map((file) => decode(readFileSync(new URL(file, directory))));
});

const serverSchemas: Record<string, TSchema> = { ...ROOM_EVENTS, ...SESSION_EVENTS };
const serverChecks = { ...ROOM_EVENT_CHECKS, ...SESSION_EVENT_CHECKS };

// Client frames carry a request `id` in their envelope; server frames never do.
const cases = payloads.map(({ t, d, ...envelope }) => {
  const client = 'id' in envelope;
  const schema = client ? (CLIENT_COMMANDS as Record<string, TSchema>)[t] : serverSchemas[t];
  const check: Check | undefined = client ? COMMAND_CHECKS[t] : serverChecks[t]?.[0];
  if (schema === undefined || check === undefined) throw new Error(`no schema for ${t}`);
  return { schema, check, d };
});

const replacement = fc.oneof(
  fc.constantFrom(null, undefined, true, 0, -1, 1.5, Number.NaN, '', 'x'.repeat(300), [], {}, ['a', 'a']),
  fc.constantFrom('a\u0000b', '\ud800', 'x\udc00', '\ud83d\ude00'),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
);

/** Replaces, deletes or adds the field at a random depth, in a copy. */
function mutate(value: unknown, path: readonly number[], action: number, next: unknown): unknown {
  if (typeof value !== 'object' || value === null) return next;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  const [step, ...rest] = path;
  if (keys.length === 0 || step === undefined) return action === 0 ? next : { ...copy, extra: next };
  const key = keys[step % keys.length] as string;
  const record = copy as Record<string, unknown>;
  if (rest.length === 0 && action === 1) delete record[key];
  else record[key] = mutate(record[key], rest, action, next);
  return copy;
}

// TypeBox quotes the pattern; ours says in words what safe text is.
const messageOf = (message: string): string =>
  message === `Expected string to match '${SAFE_TEXT_PATTERN}'` ? SAFE_TEXT_MESSAGE : message;

describe('generated validators agree with TypeBox', () => {
  const compiled = new Map(cases.map(({ schema }) => [schema, TypeCompiler.Compile(schema)]));

  it('on every golden payload and random mutations of it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.nat(2),
        replacement,
        ({ schema, check, d }, path, action, next) => {
          const value = mutate(d, path, action, next);
          const typebox = compiled.get(schema)?.Errors(value).First();
          const ours = check(value);
          expect(ours ? { path: ours[0], message: ours[1] } : undefined).toEqual(
            typebox === undefined ? undefined : { path: typebox.path, message: messageOf(typebox.message) },
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});
