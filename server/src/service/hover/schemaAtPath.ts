/**
 * Finds the part of the (ref-inlined) Regal schema that describes the value at a JSON path, and
 * says how it was reached: a key the schema names, a key an open object accepts (a custom trait,
 * an event property, a phone number under `phones`), or a key the schema does not allow.
 */

export type SchemaNode = Readonly<Record<string, unknown>>;
export type PathSegment = string | number;

export type SchemaMatch =
  /** The schema describes this path (`schema`); `keyed` when the last key came from `additionalProperties` (a phone number, an email address). */
  | { kind: 'defined'; schema: SchemaNode; keyed: boolean }
  /** An object that takes any key (`traits`, `properties`) holds this key, or something below it: `owner` is the path of that key. */
  | { kind: 'free'; owner: PathSegment[] }
  /** The object at `parent` does not allow this key: `allowed` are the keys it defines. */
  | { kind: 'disallowed'; parent: SchemaNode; allowed: string[] };

export function schemaAtPath(root: SchemaNode, path: readonly PathSegment[]): SchemaMatch {
  let node: SchemaNode = root;
  let keyed = false;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (typeof segment === 'number') {
      const items = asNode(node.items);
      if (!items) return { kind: 'free', owner: path.slice(0, i + 1) as PathSegment[] };
      node = items;
      keyed = false;
      continue;
    }
    const properties = asNode(node.properties) ?? {};
    const named = Object.prototype.hasOwnProperty.call(properties, segment) ? asNode(properties[segment]) : undefined;
    if (named) {
      node = named;
      keyed = false;
      continue;
    }
    const additional = node.additionalProperties;
    const shaped = asNode(additional);
    if (shaped) {
      node = shaped;
      keyed = true;
      continue;
    }
    if (additional === false) return { kind: 'disallowed', parent: node, allowed: Object.keys(properties) };
    // `additionalProperties` absent or `true`: any key is the user's own (custom trait, event property).
    return { kind: 'free', owner: path.slice(0, i + 1) as PathSegment[] };
  }
  return { kind: 'defined', schema: node, keyed };
}

function asNode(value: unknown): SchemaNode | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as SchemaNode) : undefined;
}

export function stringOf(node: SchemaNode, keyword: string): string | undefined {
  const value = node[keyword];
  return typeof value === 'string' ? value : undefined;
}

/** The schema's `type` as a list (`["string"]` for `"type": "string"`). */
export function typesOf(node: SchemaNode): string[] {
  const type = node.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}
