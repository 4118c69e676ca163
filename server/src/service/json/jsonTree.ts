/**
 * Parses a JSON view with jsonc-parser and reads the tree back with the keys as they are written
 * in the source (so `"{{phone1}}"` and `"{{phone2}}"` stay two keys even though both are masks).
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';

export type { Node } from 'jsonc-parser';

export interface ParsedJson {
  root: Node | undefined;
  errors: ParseError[];
}

export function parseJsonView(viewText: string): ParsedJson {
  const errors: ParseError[] = [];
  const root = parseTree(viewText, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { root, errors };
}

/** The key of a property node as the source spells it (JSON-unescaped when it is plain JSON). */
export function keyOf(property: Node, source: string): string {
  const keyNode = property.children?.[0];
  if (!keyNode) return '';
  const raw = source.slice(keyNode.offset, keyNode.offset + keyNode.length);
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    if (!raw.includes('\\') && !raw.includes('{{')) return raw.slice(1, -1);
    try {
      if (!raw.includes('{{')) return JSON.parse(raw) as string;
    } catch {
      // fall through to the raw text
    }
    return raw.slice(1, -1);
  }
  return typeof keyNode.value === 'string' ? keyNode.value : raw;
}

/** Property nodes of an object node. */
export function propertiesOf(object: Node | undefined): Node[] {
  return object?.type === 'object' ? (object.children ?? []) : [];
}

/** The property node with the given source key (the last one, as JSON.parse keeps the last). */
export function findProperty(object: Node | undefined, key: string, source: string): Node | undefined {
  let found: Node | undefined;
  for (const property of propertiesOf(object)) if (keyOf(property, source) === key) found = property;
  return found;
}

export function valueOf(property: Node | undefined): Node | undefined {
  return property?.children?.[1];
}

/** Follows a path of keys and array indexes from `root`; returns the value node. */
export function findNodeAtPath(root: Node | undefined, path: ReadonlyArray<string | number>, source: string): Node | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.type === 'array' && typeof segment === 'number') node = node.children?.[segment];
    else if (node.type === 'object') node = valueOf(findProperty(node, String(segment), source));
    else return undefined;
  }
  return node;
}

/**
 * The JavaScript value of a node for schema validation. Keys come from the source (see keyOf);
 * strings with mustaches keep their masked text, value placeholders read as the number 0.
 */
export function toInstance(node: Node, source: string): unknown {
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const value = valueOf(property);
        if (!value) continue;
        const key = keyOf(property, source);
        // `"__proto__"` is an ordinary key in JSON: define it, never assign it (which would set the prototype).
        if (key === '__proto__') Object.defineProperty(result, key, { value: toInstance(value, source), enumerable: true, writable: true, configurable: true });
        else result[key] = toInstance(value, source);
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map((child) => toInstance(child, source));
    default:
      return node.value;
  }
}

/** The property node that holds a value node, if the value is a property value. */
export function owningProperty(node: Node): Node | undefined {
  return node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent : undefined;
}
