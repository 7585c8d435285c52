import { canonicalJson } from './canonical-json.writer';
import { JsonSchema } from './synthesis.schema';

/** Keywords that only annotate and are not checked. */
const ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'title', 'description']);
const CHECKED = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'anyOf',
  'properties',
  'required',
  'additionalProperties',
  'prefixItems',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
]);

/**
 * Validates a JSON value against a JSON Schema (draft 2020-12) restricted to the keywords the
 * synthesis schemas use (listed in `CHECKED`; `$ref` only to `#/$defs/<name>`). A schema with any
 * other keyword is refused, so nothing is silently left unchecked. Returns the problems, each as
 * `<JSON pointer>: <what is wrong>`; empty when the value is valid.
 */
export function validateJsonSchema(value: unknown, schema: JsonSchema): string[] {
  const errors: string[] = [];
  check(value, schema, schema, '', errors);
  return errors;
}

function check(value: unknown, schema: JsonSchema | boolean, root: JsonSchema, path: string, errors: string[]): void {
  if (schema === true) return;
  if (schema === false) {
    errors.push(`${path || '/'}: no value is allowed here`);
    return;
  }
  for (const k of Object.keys(schema)) if (!CHECKED.has(k) && !ANNOTATIONS.has(k)) throw new Error(`schema keyword "${k}" is not supported by this validator`);
  const at = path || '/';
  if (typeof schema.$ref === 'string') check(value, resolveRef(schema.$ref, root), root, path, errors);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => hasType(value, t))) {
      errors.push(`${at}: expected ${types.join(' or ')}, got ${typeName(value)}`);
      return;
    }
  }
  if (schema.const !== undefined && canonicalJson(value) !== canonicalJson(schema.const)) errors.push(`${at}: must be ${canonicalJson(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => canonicalJson(e) === canonicalJson(value)))
    errors.push(`${at}: must be one of ${canonicalJson(schema.enum)}`);
  if (Array.isArray(schema.anyOf)) {
    const ok = (schema.anyOf as JsonSchema[]).some((s) => {
      const sub: string[] = [];
      check(value, s, root, path, sub);
      return sub.length === 0;
    });
    if (!ok) errors.push(`${at}: matches none of the allowed forms`);
  }
  if (typeof value === 'string') checkString(value, schema, at, errors);
  if (typeof value === 'number') checkNumber(value, schema, at, errors);
  if (Array.isArray(value)) checkArray(value, schema, root, path, errors);
  else if (value !== null && typeof value === 'object') checkObject(value as Record<string, unknown>, schema, root, path, errors);
}

function checkString(value: string, schema: JsonSchema, at: string, errors: string[]): void {
  if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${at}: does not match ${schema.pattern}`);
}

function checkNumber(value: number, schema: JsonSchema, at: string, errors: string[]): void {
  if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: below the minimum ${schema.minimum}`);
  if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: above the maximum ${schema.maximum}`);
  if (typeof schema.exclusiveMinimum === 'number' && !(value > schema.exclusiveMinimum)) errors.push(`${at}: must be above ${schema.exclusiveMinimum}`);
}

function checkArray(value: unknown[], schema: JsonSchema, root: JsonSchema, path: string, errors: string[]): void {
  const at = path || '/';
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${at}: more than ${schema.maxItems} items`);
  const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as JsonSchema[]) : [];
  value.forEach((item, i) => {
    const sub = i < prefix.length ? prefix[i] : (schema.items as JsonSchema | boolean | undefined);
    if (sub !== undefined) check(item, sub, root, `${path}/${i}`, errors);
  });
}

function checkObject(value: Record<string, unknown>, schema: JsonSchema, root: JsonSchema, path: string, errors: string[]): void {
  const at = path || '/';
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const key of (schema.required ?? []) as string[]) if (!(key in value)) errors.push(`${at}: missing "${key}"`);
  for (const [key, v] of Object.entries(value)) {
    const child = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key in properties) check(v, properties[key], root, child, errors);
    else if (schema.additionalProperties !== undefined) check(v, schema.additionalProperties as JsonSchema | boolean, root, child, errors);
  }
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
  const defs = (root.$defs ?? {}) as Record<string, JsonSchema>;
  if (!m || !(m[1] in defs)) throw new Error(`cannot resolve $ref "${ref}"`);
  return defs[m[1]];
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      throw new Error(`unknown type "${type}"`);
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
