/**
 * The members of one object in a text JSON.parse has accepted, located by a scan, without a tree:
 * for features that need a few values' places in a large clean payload (workspace facts read the
 * top-level `name`, `properties` and `traits`), where building a jsonc-parser tree of the whole text
 * cost more than every check of the fast path together (docs/performance-notes.md). The text must
 * be strict JSON: nothing here reports or recovers from errors.
 */
import type { Node, NodeType } from 'jsonc-parser';

export interface MemberSpan {
  /** The key's span with its quotes. */
  keyStart: number;
  keyEnd: number;
  /** The value as a tree would give it: type, offset and length (no children, no value). */
  value: Node;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/** The members of the object whose `{` is at `start`, or [] if no object is there. */
export function strictObjectMembers(text: string, start: number): MemberSpan[] {
  const members: MemberSpan[] = [];
  if (text.charCodeAt(start) !== OPEN_BRACE) return members;
  let at = skipSpace(text, start + 1);
  while (text.charCodeAt(at) === QUOTE) {
    const keyEnd = stringEnd(text, at);
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the colon
    const valueEnd = valueEndAt(text, valueStart);
    members.push({ keyStart: at, keyEnd, value: { type: typeAt(text, valueStart), offset: valueStart, length: valueEnd - valueStart } });
    at = skipSpace(text, valueEnd);
    if (text.charCodeAt(at) !== COMMA) break;
    at = skipSpace(text, at + 1);
  }
  return members;
}

function typeAt(text: string, offset: number): NodeType {
  switch (text.charCodeAt(offset)) {
    case QUOTE:
      return 'string';
    case OPEN_BRACE:
      return 'object';
    case OPEN_BRACKET:
      return 'array';
    case 0x74: // t
    case 0x66: // f
      return 'boolean';
    case 0x6e: // n
      return 'null';
    default:
      return 'number';
  }
}

/** Just past the value that starts at `offset`. */
function valueEndAt(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  if (c === QUOTE) return stringEnd(text, offset);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) return containerEnd(text, offset);
  let end = offset + 1;
  while (end < text.length && isScalarChar(text.charCodeAt(end))) end++;
  return end;
}

/** Just past the closing quote of the string that opens at `open`. */
function stringEnd(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  // A quote preceded by an odd number of backslashes is escaped.
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return close + 1;
    close = text.indexOf('"', close + 1);
  }
}

/** Just past the bracket that closes the object or array opening at `open`. */
function containerEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i) - 1;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1;
  }
  return text.length;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  return i;
}

/** Characters of a number or of true, false and null. */
function isScalarChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;
}
