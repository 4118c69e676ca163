/**
 * The one model of the Regal schema that validation mapping, completion and hover read: the
 * ref-inlined schema (built once, in schemaValidator.ts) and the walks and keyword readers over it.
 * Every keyword is checked for its JSON shape: the schema is injected, so nothing here trusts it.
 * Editor annotations are explicit keywords registered with ajv (SCHEMA_ANNOTATIONS), never read
 * out of prose.
 */

export type SchemaNode = Readonly<Record<string, unknown>>;
export type PathSegment = string | number;

/** `x-regal-shape`: which of Regal's two payload shapes a trait belongs to (README "Both payload shapes are valid"). */
export type PayloadShape = 'legacy' | 'current';

/**
 * Keywords our schemas carry for editors, registered with ajv with the values they may take
 * (a misspelt value fails the schema's compilation, and with it the unit tests).
 */
export const SCHEMA_ANNOTATIONS: ReadonlyArray<{ keyword: string; metaSchema?: Record<string, unknown> }> = [
  { keyword: 'markdownDescription', metaSchema: { type: 'string' } },
  { keyword: 'defaultSnippets', metaSchema: { type: 'array' } },
  { keyword: 'deprecationMessage', metaSchema: { type: 'string' } },
  { keyword: 'errorMessage' },
  { keyword: 'x-regal-shape', metaSchema: { enum: ['legacy', 'current'] satisfies PayloadShape[] } },
];

export interface DefaultSnippet {
  label?: string;
  description?: string;
  body: unknown;
}

/** Deeper paths than this are no Regal payload; the walk stops rather than follow a long path. */
const MAX_PATH = 32;

const isRecord = (value: unknown): value is SchemaNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The schema of the value at `path` (object keys and array indexes from the root), following
 * `properties`, then `additionalProperties` (so any key of `traits.phones` reaches the phone entry),
 * then `items`. Undefined where the schema says nothing.
 */
export function subschemaAt(root: SchemaNode, path: readonly PathSegment[]): SchemaNode | undefined {
  const match = schemaAtPath(root, path);
  return match.kind === 'defined' ? match.schema : undefined;
}

export type SchemaMatch =
  /** The schema describes this path (`schema`); `keyed` when the last key came from `additionalProperties` (a phone number, an email address). */
  | { kind: 'defined'; schema: SchemaNode; keyed: boolean }
  /** An object that takes any key (`traits`, `properties`) holds this key, or something below it: `owner` is the path of that key. */
  | { kind: 'free'; owner: PathSegment[] }
  /** The object at `parent` does not allow this key: `allowed` are the keys it defines. */
  | { kind: 'disallowed'; parent: SchemaNode; allowed: string[] };

/** The part of the schema that describes the value at `path`, and how it was reached (for hover's wording). */
export function schemaAtPath(root: SchemaNode, path: readonly PathSegment[]): SchemaMatch {
  if (path.length > MAX_PATH) return { kind: 'free', owner: [...path] };
  let node: SchemaNode = root;
  let keyed = false;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (typeof segment === 'number') {
      const items = itemsOf(node);
      if (!items) return { kind: 'free', owner: path.slice(0, i + 1) };
      node = items;
      keyed = false;
      continue;
    }
    const named = declaredProperty(node, segment);
    if (named) {
      node = named;
      keyed = false;
      continue;
    }
    const additional = node.additionalProperties;
    if (isRecord(additional)) {
      node = additional;
      keyed = true;
      continue;
    }
    if (additional === false) return { kind: 'disallowed', parent: node, allowed: isRecord(node.properties) ? Object.keys(node.properties) : [] };
    // `additionalProperties` absent or `true`: any key is the user's own (custom trait, event property).
    return { kind: 'free', owner: path.slice(0, i + 1) };
  }
  return { kind: 'defined', schema: node, keyed };
}

function declaredProperty(schema: SchemaNode, name: string): SchemaNode | undefined {
  const properties = schema.properties;
  return isRecord(properties) && Object.prototype.hasOwnProperty.call(properties, name) && isRecord(properties[name]) ? properties[name] : undefined;
}

/** The schema of property `name` of an object schema (declared, else additionalProperties when it is a schema). */
export function propertySchema(schema: SchemaNode, name: string): SchemaNode | undefined {
  return declaredProperty(schema, name) ?? (isRecord(schema.additionalProperties) ? schema.additionalProperties : undefined);
}

export function itemsOf(schema: SchemaNode): SchemaNode | undefined {
  return isRecord(schema.items) ? schema.items : undefined;
}

/** Declared properties in schema order. */
export function declaredProperties(schema: SchemaNode): Array<[string, SchemaNode]> {
  const properties = schema.properties;
  if (!isRecord(properties)) return [];
  return Object.entries(properties).filter((entry): entry is [string, SchemaNode] => isRecord(entry[1]));
}

export function requiredOf(schema: SchemaNode): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
}

/** The schema's `type` as a list (`["string"]` for `"type": "string"`). */
export function typesOf(schema: SchemaNode): string[] {
  const type = schema.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

export function enumOf(schema: SchemaNode): unknown[] {
  return Array.isArray(schema.enum) ? schema.enum : [];
}

export function examplesOf(schema: SchemaNode): unknown[] {
  return Array.isArray(schema.examples) ? schema.examples : [];
}

export function stringOf(schema: SchemaNode, keyword: string): string | undefined {
  const value = schema[keyword];
  return typeof value === 'string' ? value : undefined;
}

/** The markdown an editor shows: markdownDescription, else the plain description. */
export function markdownOf(schema: SchemaNode): string | undefined {
  return stringOf(schema, 'markdownDescription') ?? stringOf(schema, 'description');
}

export function descriptionOf(schema: SchemaNode): string | undefined {
  return stringOf(schema, 'description');
}

export function defaultSnippetsOf(schema: SchemaNode): DefaultSnippet[] {
  if (!Array.isArray(schema.defaultSnippets)) return [];
  return schema.defaultSnippets.filter(isRecord).flatMap((s) =>
    'body' in s
      ? [
          {
            body: s.body,
            label: typeof s.label === 'string' ? s.label : undefined,
            description: typeof s.description === 'string' ? s.description : undefined,
          },
        ]
      : [],
  );
}

/** The payload shape the schema marks this trait with (`x-regal-shape`); completion ranks by it. */
export function shapeOf(schema: SchemaNode): PayloadShape | undefined {
  const shape = schema['x-regal-shape'];
  return shape === 'legacy' || shape === 'current' ? shape : undefined;
}
