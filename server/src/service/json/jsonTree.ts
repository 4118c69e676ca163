/**
 * Parses a JSON view into jsonc-parser's tree (strictJsonTree.ts for valid JSON, jsonc-parser where
 * there are errors) and reads the tree back with the keys as they are written in the source (so
 * `"{{phone1}}"` and `"{{phone2}}"` stay two keys even though both are masks).
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';

import type { JsonView } from '../template/jsonView';
import { parseStrictJsonTree } from './strictJsonTree';

export type { Node } from 'jsonc-parser';

/** Deeper than any payload (payloadAnalysis stops at 512 levels): the strict parser's recursion bound. */
const MAX_STRICT_DEPTH = 1_000;

export interface ParsedJson {
  root: Node | undefined;
  errors: ParseError[];
}

export function parseJsonView(viewText: string): ParsedJson {
  // Most views are valid JSON: the strict parser builds the same tree faster; jsonc-parser takes
  // over wherever there is something to recover from and report.
  const strict = parseStrictJsonTree(viewText, MAX_STRICT_DEPTH);
  if (strict) return { root: strict, errors: [] };
  const errors: ParseError[] = [];
  const root = parseTree(viewText, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { root, errors };
}

const viewTrees = new WeakMap<JsonView, ParsedJson>();

/**
 * The tree of a JSON view, parsed once however many features ask (diagnostics, completion in an
 * `{{else}}` branch, outline…): a view belongs to one analysed document version.
 */
export function viewTree(view: JsonView): ParsedJson {
  let parsed = viewTrees.get(view);
  if (!parsed) {
    parsed = parseJsonView(view.text);
    viewTrees.set(view, parsed);
  }
  return parsed;
}

/** The key of a property node as the source spells it (JSON-unescaped when it is plain JSON). */
export function keyOf(property: Node, source: string): string {
  const keyNode = property.children?.[0];
  if (!keyNode) return '';
  const raw = source.slice(keyNode.offset, keyNode.offset + keyNode.length);
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) return quotedKeyText(raw);
  return typeof keyNode.value === 'string' ? keyNode.value : raw;
}

/** The key a quoted key's source text names (see keyOf): unescaped, unless it holds a mustache. */
export function quotedKeyText(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('{{')) return raw.slice(1, -1);
  try {
    if (!raw.includes('{{')) return JSON.parse(raw) as string;
  } catch {
    // fall through to the raw text
  }
  return raw.slice(1, -1);
}

/** Property nodes of an object node. */
export function propertiesOf(object: Node | undefined): Node[] {
  return object?.type === 'object' ? (object.children ?? []) : [];
}

const propertyIndexes = new WeakMap<Node, Map<string, Node>>();

/**
 * The property node with the given source key (the last one, as JSON.parse keeps the last). Each
 * object is indexed once, so looking up every key of a wide object stays linear.
 */
export function findProperty(object: Node | undefined, key: string, source: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  let index = propertyIndexes.get(object);
  if (!index) {
    index = new Map();
    for (const property of object.children ?? []) index.set(keyOf(property, source), property);
    propertyIndexes.set(object, index);
  }
  return index.get(key);
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

/**
 * The innermost node whose range holds `offset` (jsonc-parser's findNodeAtOffset scans children
 * linearly; this binary-searches them, as they are in document order).
 */
export function nodeAtOffset(root: Node, offset: number): Node | undefined {
  if (offset < root.offset || offset >= root.offset + root.length) return undefined;
  let node = root;
  for (;;) {
    const children = node.children;
    if (!children || children.length === 0) return node;
    let low = 0;
    let high = children.length - 1;
    let hit: Node | undefined;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const child = children[mid];
      if (offset < child.offset) high = mid - 1;
      else if (offset >= child.offset + child.length) low = mid + 1;
      else {
        hit = child;
        break;
      }
    }
    if (!hit) return node;
    node = hit;
  }
}
