/**
 * A fast path for the common case, strict JSON: builds the same tree jsonc-parser's `parseTree`
 * builds (same node types, offsets, lengths, values, colonOffset, parent links), in one pass with
 * no scanner tokens or visitor callbacks: about three times as fast on a 1 MB payload.
 *
 * It only accepts what JSON.parse accepts, and only JSON whitespace (space, tab, line feed,
 * carriage return). On anything else it returns undefined and the caller asks jsonc-parser, which
 * recovers from errors and reports them; so errors are never this module's business.
 */
import type { Node, NodeType } from 'jsonc-parser';

/** jsonc-parser's Node is read-only for its users; this module is where nodes are made. */
type Building = { -readonly [K in keyof Node]: Node[K] };

class Bail extends Error {}
const BAIL = new Bail();

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The tree of `text`, or undefined when it is not strict JSON (or nests deeper than `maxDepth`). */
export function parseStrictJsonTree(text: string, maxDepth: number): Node | undefined {
  let i = 0;
  let depth = 0;
  const n = text.length;

  const skipSpace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };

  const leaf = (type: NodeType, offset: number, value: unknown, parent: Node | undefined): Node =>
    ({ type, offset, length: i - offset, parent, value }) as Node;

  const parseString = (parent: Node | undefined): Node => {
    const start = i;
    i++; // opening quote
    let escaped = false;
    for (;;) {
      if (i >= n) throw BAIL;
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c < 0x20) throw BAIL;
      if (c === BACKSLASH) {
        escaped = true;
        i += 2;
        continue;
      }
      i++;
    }
    i++; // closing quote
    let value: string;
    if (!escaped) value = text.slice(start + 1, i - 1);
    else {
      try {
        value = JSON.parse(text.slice(start, i)) as string;
      } catch {
        throw BAIL;
      }
    }
    return leaf('string', start, value, parent);
  };

  const parseNumber = (parent: Node | undefined): Node => {
    const start = i;
    if (text.charCodeAt(i) === 0x2d) i++;
    const intStart = i;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i === intStart || (text.charCodeAt(intStart) === 0x30 && i - intStart > 1)) throw BAIL;
    if (text.charCodeAt(i) === 0x2e) {
      const fraction = ++i;
      while (isDigit(text.charCodeAt(i))) i++;
      if (i === fraction) throw BAIL;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      const exponent = i;
      while (isDigit(text.charCodeAt(i))) i++;
      if (i === exponent) throw BAIL;
    }
    return leaf('number', start, Number(text.slice(start, i)), parent);
  };

  const parseWord = (word: string, type: NodeType, value: unknown, parent: Node | undefined): Node => {
    if (!text.startsWith(word, i)) throw BAIL;
    const start = i;
    i += word.length;
    return leaf(type, start, value, parent);
  };

  const parseValue = (parent: Node | undefined): Node => {
    skipSpace();
    const c = text.charCodeAt(i);
    switch (c) {
      case OPEN_BRACE:
        return parseObject(parent);
      case OPEN_BRACKET:
        return parseArray(parent);
      case QUOTE:
        return parseString(parent);
      case 0x74:
        return parseWord('true', 'boolean', true, parent);
      case 0x66:
        return parseWord('false', 'boolean', false, parent);
      case 0x6e:
        return parseWord('null', 'null', null, parent);
      default:
        if (c === 0x2d || isDigit(c)) return parseNumber(parent);
        throw BAIL;
    }
  };

  const parseObject = (parent: Node | undefined): Node => {
    if (++depth > maxDepth) throw BAIL;
    const object: Building = { type: 'object', offset: i, length: 0, parent, children: [] };
    i++;
    skipSpace();
    if (text.charCodeAt(i) !== CLOSE_BRACE) {
      for (;;) {
        skipSpace();
        if (text.charCodeAt(i) !== QUOTE) throw BAIL;
        const property: Building = { type: 'property', offset: i, length: 0, parent: object, children: [], colonOffset: 0 };
        const key = parseString(property);
        skipSpace();
        if (text.charCodeAt(i) !== COLON) throw BAIL;
        property.colonOffset = i;
        i++;
        const value = parseValue(property);
        property.children!.push(key, value);
        property.length = i - property.offset;
        object.children!.push(property);
        skipSpace();
        const next = text.charCodeAt(i);
        if (next === COMMA) {
          i++;
          continue;
        }
        if (next === CLOSE_BRACE) break;
        throw BAIL;
      }
    }
    i++;
    object.length = i - object.offset;
    depth--;
    return object;
  };

  const parseArray = (parent: Node | undefined): Node => {
    if (++depth > maxDepth) throw BAIL;
    const array: Building = { type: 'array', offset: i, length: 0, parent, children: [] };
    i++;
    skipSpace();
    if (text.charCodeAt(i) !== CLOSE_BRACKET) {
      for (;;) {
        array.children!.push(parseValue(array));
        skipSpace();
        const next = text.charCodeAt(i);
        if (next === COMMA) {
          i++;
          continue;
        }
        if (next === CLOSE_BRACKET) break;
        throw BAIL;
      }
    }
    i++;
    array.length = i - array.offset;
    depth--;
    return array;
  };

  try {
    const root = parseValue(undefined);
    skipSpace();
    return i === n ? root : undefined;
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
