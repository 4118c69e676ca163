/**
 * Read-only walks over the (ref-inlined) Regal schema for completion: the subschema at a JSON path,
 * and the few keywords completion reads from it, each checked for its JSON shape (the schema is
 * injected, so nothing here trusts it).
 */

export type SchemaNode = Readonly<Record<string, unknown>>;

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
export function subschemaAt(root: SchemaNode, path: ReadonlyArray<string | number>): SchemaNode | undefined {
  if (path.length > MAX_PATH) return undefined;
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    node = typeof segment === 'number' ? itemsOf(node) : propertySchema(node, segment);
  }
  return node;
}

/** The schema of property `name` of an object schema (declared, else additionalProperties when it is a schema). */
export function propertySchema(schema: SchemaNode, name: string): SchemaNode | undefined {
  const properties = schema.properties;
  if (isRecord(properties) && Object.prototype.hasOwnProperty.call(properties, name) && isRecord(properties[name])) return properties[name];
  return isRecord(schema.additionalProperties) ? schema.additionalProperties : undefined;
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

/** The markdown an editor shows: markdownDescription, else the plain description. */
export function markdownOf(schema: SchemaNode): string | undefined {
  if (typeof schema.markdownDescription === 'string') return schema.markdownDescription;
  return typeof schema.description === 'string' ? schema.description : undefined;
}

export function descriptionOf(schema: SchemaNode): string | undefined {
  return typeof schema.description === 'string' ? schema.description : undefined;
}

export function defaultSnippetsOf(schema: SchemaNode): DefaultSnippet[] {
  if (!Array.isArray(schema.defaultSnippets)) return [];
  return schema.defaultSnippets.filter(isRecord).flatMap((s) =>
    'body' in s ? [{ body: s.body, label: typeof s.label === 'string' ? s.label : undefined, description: typeof s.description === 'string' ? s.description : undefined }] : [],
  );
}

/**
 * Our schema marks the two payload shapes in each trait's description ("Legacy-shape …" versus
 * "Current-shape …", see README "Both payload shapes are valid"): completion ranks by it.
 */
export function isLegacyShape(schema: SchemaNode): boolean {
  return descriptionOf(schema)?.startsWith('Legacy-shape') === true;
}
