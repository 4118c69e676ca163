/**
 * Splits a payload template into the tokens that formatting and folding reason about: JSON
 * punctuation, strings (with any mustaches inside them), literals, value mustaches, tags
 * (block tags, `{{else}}`, Handlebars comments) and JSON comments. Whatever lies between two
 * tokens is whitespace, so an edit that only rewrites those gaps cannot change a string, a
 * mustache or a literal.
 */
import type { Mustache } from '../template/mustacheScanner';
import { isValueLike } from '../template/jsonView';

export type TokenKind = 'open' | 'close' | 'colon' | 'comma' | 'string' | 'literal' | 'value' | 'tag' | 'comment';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** `{` or `[` for open/close tokens. */
  bracket?: '{' | '[';
  /** The mustache of a value or tag token. */
  mustache?: Mustache;
}

export interface Tokenization {
  tokens: Token[];
  /** False when a string, a block comment or a mustache is not terminated: the structure is unknown past it. */
  complete: boolean;
}

const isWhitespace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** The JSON punctuation a character code is, if any (a switch, not a lookup: this runs once per character). */
function punctuationOf(c: number): Pick<Token, 'kind' | 'bracket'> | undefined {
  switch (c) {
    case 0x7b:
      return OPEN_BRACE;
    case 0x5b:
      return OPEN_BRACKET;
    case 0x7d:
      return CLOSE_BRACE;
    case 0x5d:
      return CLOSE_BRACKET;
    case 0x3a:
      return COLON;
    case 0x2c:
      return COMMA;
    default:
      return undefined;
  }
}
const OPEN_BRACE = { kind: 'open', bracket: '{' } as const;
const OPEN_BRACKET = { kind: 'open', bracket: '[' } as const;
const CLOSE_BRACE = { kind: 'close', bracket: '{' } as const;
const CLOSE_BRACKET = { kind: 'close', bracket: '[' } as const;
const COLON = { kind: 'colon', bracket: undefined } as const;
const COMMA = { kind: 'comma', bracket: undefined } as const;

/** Every token has the same shape (the same properties, in the same order), so the code reading them stays fast. */
function token(kind: TokenKind, start: number, end: number, bracket?: '{' | '[', mustache?: Mustache): Token {
  return { kind, start, end, bracket, mustache };
}

/** `mustaches` are the template's, in document order (as the mustache scanner returns them). */
export function tokenize(text: string, mustaches: readonly Mustache[]): Tokenization {
  const tokens: Token[] = [];
  let complete = true;
  let next = 0; // index of the first mustache not yet passed
  const mustacheAt = (offset: number): Mustache | undefined => {
    while (next < mustaches.length && mustaches[next].start < offset) next++;
    const m = mustaches[next];
    return m && m.start === offset ? m : undefined;
  };
  /** Steps over a mustache starting at `offset`, if any; returns where scanning continues. */
  const skipMustache = (offset: number): number | undefined => {
    const m = mustacheAt(offset);
    if (!m) return undefined;
    if (!m.closed) complete = false;
    return Math.max(m.end, offset + 2);
  };

  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    const m = mustacheAt(i);
    if (m) {
      if (!m.closed) complete = false;
      const end = Math.max(m.end, i + 2);
      tokens.push(token(isValueLike(m) ? 'value' : 'tag', i, end, undefined, m));
      i = end;
      continue;
    }
    const punctuation = punctuationOf(c);
    if (punctuation) {
      tokens.push(token(punctuation.kind, i, i + 1, punctuation.bracket));
      i++;
      continue;
    }
    if (c === 0x22) {
      const end = scanString(i);
      tokens.push(token('string', i, end));
      i = end;
      continue;
    }
    if (c === 0x2f && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? scanLineComment(i) : scanBlockComment(i);
      tokens.push(token('comment', i, end));
      i = end;
      continue;
    }
    let end = i + 1;
    while (end < n && !endsLiteral(end)) end++;
    tokens.push(token('literal', i, end));
    i = end;
  }
  return { tokens, complete };

  function endsLiteral(at: number): boolean {
    const c = text.charCodeAt(at);
    if (isWhitespace(c) || c === 0x22 || punctuationOf(c)) return true;
    if (c === 0x2f && (text[at + 1] === '/' || text[at + 1] === '*')) return true;
    return c === 0x7b && text.charCodeAt(at + 1) === 0x7b && mustacheAt(at) !== undefined;
  }

  // A JSON string ends at its closing quote; a line break first means it is unterminated.
  function scanString(start: number): number {
    let j = start + 1;
    while (j < n) {
      const skipped = text.charCodeAt(j) === 0x7b ? skipMustache(j) : undefined;
      if (skipped !== undefined) {
        j = skipped;
        continue;
      }
      const c = text.charCodeAt(j);
      if (c === 0x5c) j += 2;
      else if (c === 0x22) return j + 1;
      else if (c === 0x0a || c === 0x0d) break;
      else j++;
    }
    complete = false;
    return Math.min(j, n);
  }

  // Handlebars runs first, so a mustache inside a comment is still a mustache (and may span lines).
  function scanLineComment(start: number): number {
    let j = start + 2;
    while (j < n) {
      const skipped = text.charCodeAt(j) === 0x7b ? skipMustache(j) : undefined;
      if (skipped !== undefined) {
        j = skipped;
        continue;
      }
      const c = text.charCodeAt(j);
      if (c === 0x0a || c === 0x0d) break;
      j++;
    }
    return Math.min(j, n);
  }

  function scanBlockComment(start: number): number {
    let j = start + 2;
    while (j < n) {
      const skipped = text.charCodeAt(j) === 0x7b ? skipMustache(j) : undefined;
      if (skipped !== undefined) {
        j = skipped;
        continue;
      }
      if (text.charCodeAt(j) === 0x2a && text.charCodeAt(j + 1) === 0x2f) return j + 2;
      j++;
    }
    complete = false;
    return n;
  }
}
