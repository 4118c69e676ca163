/**
 * Compiles the Regal schema once with ajv and validates instances. The schema is injected (the
 * server bundles schemas/regal-event.schema.json), so tests can validate against other schemas.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

import { SCHEMA_ANNOTATIONS } from './schemaModel';

/** Registers the annotation keywords our schemas carry for editors (schemaModel.ts): checked, never validated against. */
export function addSchemaAnnotations(ajv: Pick<Ajv, 'addKeyword'>): void {
  for (const annotation of SCHEMA_ANNOTATIONS) ajv.addKeyword(annotation);
}

/**
 * verbose: errors carry parentSchema (allowed keys for "did you mean") and the offending data.
 * The bundles run validation code esbuild.mjs generates from these same options and the bundled
 * schema (scripts/precompiledAjv.mjs); a change here is picked up at the next build.
 */
export const AJV_OPTIONS = { allErrors: true, strict: true, verbose: true, allowUnionTypes: true } as const;

export interface SchemaValidator {
  readonly schema: Record<string, unknown>;
  /** The schema with every local `$ref` replaced by its definition, for editor features that walk it (completion, hover). */
  readonly inlinedSchema: Readonly<Record<string, unknown>>;
  /** The JSON types the schema gives each property name, wherever it is defined. */
  readonly propertyTypes: ReadonlyMap<string, ReadonlySet<string>>;
  validate(instance: unknown): ErrorObject[];
}

export function createSchemaValidator(schema: Record<string, unknown>): SchemaValidator {
  const ajv = new Ajv({ ...AJV_OPTIONS });
  addSchemaAnnotations(ajv);
  const inlinedSchema = inlineLocalRefs(schema);
  const compiled: ValidateFunction = ajv.compile(inlinedSchema);
  return {
    schema,
    inlinedSchema,
    propertyTypes: collectPropertyTypes(schema),
    validate(instance: unknown): ErrorObject[] {
      return compiled(instance) ? [] : [...(compiled.errors ?? [])];
    },
  };
}

/** Walks every `properties` map of the schema (definitions included) and records each name's `type`. */
function collectPropertyTypes(schema: unknown): Map<string, Set<string>> {
  const types = new Map<string, Set<string>>();
  const visit = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 64) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    if (properties && typeof properties === 'object') {
      for (const [name, definition] of Object.entries(properties)) {
        const type = (definition as { type?: string | string[] } | undefined)?.type;
        if (type === undefined) continue;
        const set = types.get(name) ?? new Set<string>();
        for (const t of ([] as string[]).concat(type)) set.add(t);
        types.set(name, set);
      }
    }
    for (const value of Object.values(node)) visit(value, depth + 1);
  };
  visit(schema, 0);
  return types;
}

/**
 * Replaces each local `{"$ref": "#/definitions/x"}` by a copy of that definition (keywords beside
 * the `$ref`, such as a description, win). ajv calls a `$ref` it cannot inline as a function and
 * merges its errors with Array.concat, which is quadratic in the number of errors (30,000 bad phone
 * entries took seconds); inlined, every error is pushed. A recursive reference is left as it is.
 */
export function inlineLocalRefs(schema: Record<string, unknown>): Record<string, unknown> {
  const resolve = (pointer: string): unknown => {
    let node: unknown = schema;
    for (const part of pointer.replace(/^#\//, '').split('/')) {
      if (!node || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return node;
  };
  const copy = (node: unknown, expanding: ReadonlySet<string>): unknown => {
    if (Array.isArray(node)) return node.map((item) => copy(item, expanding));
    if (!node || typeof node !== 'object') return node;
    const { $ref, ...rest } = node as Record<string, unknown>;
    const siblings = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, copy(value, expanding)]));
    if (typeof $ref !== 'string' || !$ref.startsWith('#/') || expanding.has($ref)) return $ref === undefined ? siblings : { $ref, ...siblings };
    const target = resolve($ref);
    if (!target || typeof target !== 'object') return { $ref, ...siblings };
    const inlined = copy(target, new Set([...expanding, $ref])) as Record<string, unknown>;
    return { ...inlined, ...siblings };
  };
  return copy(schema, new Set()) as Record<string, unknown>;
}
