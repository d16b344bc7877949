/**
 * Turns the TypeBox message schemas into the source of `src/generated/validators.ts`: one plain
 * check function per object schema (returning the first problem, as TypeBox reports it) and one
 * cleaner per schema that can hold an object (for server frames, which drop unknown fields).
 * Shared schemas (the same object, such as `ParticipantSchema`) become one shared function.
 *
 * A schema keyword the generated code would not enforce makes generation fail, rather than
 * produce a validator that silently accepts more than the schema.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Kind, KindGuard, type TSchema } from '@sinclair/typebox';
import { CLIENT_COMMANDS } from '../src/commands.js';
import { ROOM_EVENTS, SESSION_EVENTS } from '../src/events.js';
import { SAFE_TEXT_PATTERN } from '../src/safe-text.js';

/** Where the generated module lives. */
export const VALIDATORS_FILE = fileURLToPath(new URL('../src/generated/validators.ts', import.meta.url));

// Keywords each kind may carry, beyond the ones every schema may (names and docs).
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  String: ['type', 'minLength', 'maxLength', 'pattern'],
  Integer: ['type', 'minimum', 'maximum'],
  Number: ['type', 'minimum', 'maximum'],
  Boolean: ['type'],
  Null: ['type'],
  Literal: ['type', 'const'],
  Union: ['anyOf'],
  Array: ['type', 'items', 'minItems', 'maxItems', 'uniqueItems'],
  Object: ['type', 'properties', 'required', 'additionalProperties'],
};
const ANNOTATIONS = ['$id', 'title', 'description'];

class Generator {
  readonly #declarations: string[] = [];
  readonly #checks = new Map<TSchema, string>();
  readonly #cleaners = new Map<TSchema, string | null>();
  readonly #names = new Set<string>();
  readonly #bodies = new Map<string, string>();

  /** The name of a check function for the schema, declared on first use. */
  check(schema: TSchema, hint = ''): string {
    const known = this.#checks.get(schema);
    if (known !== undefined) return known;
    let body: string;
    if (KindGuard.IsObject(schema)) {
      assertSupported(schema);
      const keys = Object.keys(schema.properties);
      const required = schema.required ?? [];
      const fields = keys.map((key) => {
        const inner = schema.properties[key] as TSchema;
        const value = /^[A-Za-z_$][\w$]*$/.test(key) ? `v.${key}` : `v[${JSON.stringify(key)}]`;
        const nested = `at(${JSON.stringify(`/${escapeKey(key)}`)}, ${this.#expression(inner, value)})`;
        return required.includes(key) ? nested : `(${value} !== undefined && ${nested})`;
      });
      const objectCheck = `obj(v, ${JSON.stringify(required)}, ${JSON.stringify(keys)})`;
      body =
        fields.length === 0 ? objectCheck : `${objectCheck} || (isObject(v) && (${fields.join(' || ')}))`;
    } else {
      body = this.#expression(schema, 'v');
    }
    const name = this.#declare('check', schema, hint, `(v: unknown): Outcome {\n  return ${body};\n}`);
    this.#checks.set(schema, name);
    return name;
  }

  /** A cleaner for the schema, or null when it holds no object (and so has nothing to drop). */
  clean(schema: TSchema, hint = ''): string | null {
    if (this.#cleaners.has(schema)) return this.#cleaners.get(schema) ?? null;
    let body: string | null = null;
    if (KindGuard.IsObject(schema)) {
      const fields = Object.entries(schema.properties).map(
        ([key, inner]) => `${JSON.stringify(key)}: ${this.clean(inner, pascal(key)) ?? 0}`,
      );
      body = `pick(v, { ${fields.join(', ')} })`;
    } else if (KindGuard.IsArray(schema)) {
      const item = this.clean(schema.items, 'Item');
      body = item === null ? null : `each(v, ${item})`;
    } else if (KindGuard.IsUnion(schema)) {
      const members = schema.anyOf.map((member) => [this.clean(member, hint), member] as const);
      if (members.some(([clean]) => clean !== null)) {
        const pairs = members.map(([clean, member]) => `[${clean ?? 0}, ${this.check(member, 'Member')}]`);
        body = `first(v, [${pairs.join(', ')}])`;
      }
    }
    const name =
      body === null
        ? null
        : this.#declare('clean', schema, hint, `(v: unknown): unknown {\n  return ${body};\n}`);
    this.#cleaners.set(schema, name);
    return name;
  }

  get declarations(): readonly string[] {
    return this.#declarations;
  }

  #expression(schema: TSchema, value: string): string {
    assertSupported(schema);
    const number = (name: string, min: unknown, max: unknown): string =>
      max === undefined
        ? `${name}(${[value, min].filter((part) => part !== undefined).join(', ')})`
        : `${name}(${value}, ${min ?? 'Number.NEGATIVE_INFINITY'}, ${max})`;
    if (KindGuard.IsString(schema)) {
      // The one pattern the validators know: safe text. Any other would go unenforced.
      if (schema.pattern === undefined) return number('str', schema.minLength ?? 0, schema.maxLength);
      if (schema.pattern === SAFE_TEXT_PATTERN)
        return number('text', schema.minLength ?? 0, schema.maxLength);
      throw new Error(`String pattern not enforced: ${schema.pattern}`);
    }
    if (KindGuard.IsInteger(schema)) return number('int', schema.minimum, schema.maximum);
    if (KindGuard.IsNumber(schema)) return number('num', schema.minimum, schema.maximum);
    if (KindGuard.IsBoolean(schema)) return `bool(${value})`;
    if (KindGuard.IsNull(schema)) return `nil(${value})`;
    if (KindGuard.IsLiteral(schema)) return `lit(${value}, ${JSON.stringify(schema.const)})`;
    if (KindGuard.IsObject(schema)) return `${this.check(schema, 'Object')}(${value})`;
    if (KindGuard.IsArray(schema)) {
      const unique = schema.uniqueItems === true;
      if (unique && !isPrimitive(schema.items))
        throw new Error('uniqueItems is supported over primitives only');
      const options = [schema.minItems ?? 0, schema.maxItems ?? 'Number.POSITIVE_INFINITY', unique];
      while (options.length > 0 && isDefault(options.at(-1))) options.pop();
      const args = [value, this.check(schema.items, 'Item'), ...options].join(', ');
      return `arr(${args})`;
    }
    if (KindGuard.IsUnion(schema)) {
      if (schema.anyOf.every((member) => KindGuard.IsLiteral(member))) {
        return `oneOf(${value}, ${JSON.stringify(schema.anyOf.map((member) => member.const))})`;
      }
      return `union(${schema.anyOf.map((member) => this.#expression(member, value)).join(' && ')})`;
    }
    throw new Error(`no validator for schema kind ${schema[Kind]}`);
  }

  // Schemas that generate the same code (two copies of one shape) share one function.
  #declare(prefix: string, schema: TSchema, hint: string, signature: string): string {
    const existing = this.#bodies.get(`${prefix}${signature}`);
    if (existing !== undefined) return existing;
    const base = `${prefix}${typeof schema.$id === 'string' ? schema.$id : hint}`;
    let name = base;
    for (let n = 2; this.#names.has(name); n++) name = `${base}${n}`;
    this.#names.add(name);
    this.#bodies.set(`${prefix}${signature}`, name);
    this.#declarations.push(`function ${name}${signature}`);
    return name;
  }
}

function isDefault(option: unknown): boolean {
  return option === false || option === 'Number.POSITIVE_INFINITY' || option === 0;
}

function isPrimitive(schema: TSchema): boolean {
  return KindGuard.IsString(schema) || KindGuard.IsInteger(schema) || KindGuard.IsNumber(schema);
}

function assertSupported(schema: TSchema): void {
  const allowed = ALLOWED[schema[Kind]];
  if (allowed === undefined) throw new Error(`no validator for schema kind ${schema[Kind]}`);
  const extra = Object.keys(schema).filter((key) => !allowed.includes(key) && !ANNOTATIONS.includes(key));
  if (extra.length > 0)
    throw new Error(`${schema[Kind]} schema keyword(s) not enforced: ${extra.join(', ')}`);
  if (KindGuard.IsObject(schema) && schema.additionalProperties !== false) {
    throw new Error('every object schema must be strict (additionalProperties: false)');
  }
}

const pascal = (name: string): string =>
  name.replace(/(?:^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_, letter: string) => letter.toUpperCase());

const escapeKey = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function table(
  generator: Generator,
  name: string,
  doc: string,
  schemas: Readonly<Record<string, TSchema>>,
  cleaned: boolean,
): string {
  const rows = Object.entries(schemas).map(([t, schema]) => {
    const check = generator.check(schema, pascal(t));
    return `  ${JSON.stringify(t)}: ${cleaned ? `[${check}, ${generator.clean(schema, pascal(t))}]` : check},`;
  });
  const type = cleaned ? 'readonly [Check, Clean]' : 'Check';
  return `/** ${doc} */\nexport const ${name}: Readonly<Record<string, ${type}>> = {\n${rows.join('\n')}\n};`;
}

/** The source of `src/generated/validators.ts`, formatted the way `biome check --write` leaves it. */
export function generateValidators(): string {
  const generator = new Generator();
  const tables = [
    table(generator, 'COMMAND_CHECKS', 'Client → server commands, by type `t`.', CLIENT_COMMANDS, false),
    table(generator, 'ROOM_EVENT_CHECKS', 'Room events, by type `t`: check and cleaner.', ROOM_EVENTS, true),
    table(
      generator,
      'SESSION_EVENT_CHECKS',
      'Session messages, by type `t`: check and cleaner.',
      SESSION_EVENTS,
      true,
    ),
  ];
  const source = [
    '// Generated by packages/protocol/scripts/write-validators.ts from the TypeBox schemas: do not edit.\n' +
      '// Run `npx tsx packages/protocol/scripts/write-validators.ts` after changing a schema.',
    importHelpers([...generator.declarations, ...tables].join('\n')),
    ...generator.declarations,
    ...tables,
  ].join('\n\n');
  return format(source);
}

const HELPERS = [
  'arr',
  'at',
  'bool',
  'each',
  'first',
  'int',
  'isObject',
  'lit',
  'nil',
  'num',
  'obj',
  'oneOf',
  'pick',
  'str',
  'text',
  'union',
];

function importHelpers(code: string): string {
  const used = HELPERS.filter((name) => new RegExp(`\\b${name}\\(`).test(code));
  const names = [...used, 'type Check', 'type Clean', 'type Outcome'];
  return `import { ${names.join(', ')} } from '../validation.js';`;
}

function format(source: string): string {
  const biome = fileURLToPath(new URL('../../../node_modules/.bin/biome', import.meta.url));
  // `check --write` formats and sorts the imports, so that biome run over the repo leaves the file alone.
  return execFileSync(biome, ['check', '--write', `--stdin-file-path=${VALIDATORS_FILE}`], {
    input: source,
    encoding: 'utf8',
  });
}
