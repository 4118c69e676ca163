/**
 * A fast reader for the expressions nearly every payload is made of: a name, optionally followed by
 * arguments that are plain paths, quoted strings without escapes, numbers or keyword literals
 * (`{{phoneNumber}}`, `{{items.[0].sku}}`, `{{defaultIfEmpty city 'n/a'}}`, `#if flag`).
 *
 * It gives exactly what Handlebars' own parser gives for those (a test compares them on generated
 * expressions), at a fraction of the cost: @handlebars/parser spends ~17 µs per mustache, which is
 * most of the diagnostics time on a large payload (docs/performance-notes.md). Anything outside this subset —
 * subexpressions, hash arguments, `~`, `@data`, `this`/`..`, escapes, block params, odd characters —
 * returns undefined and goes to the real parser.
 */
import type { ArgumentInfo, ExpressionAnalysis, HelperLookup, NamedSpan } from './expressionAnalyzer';

/**
 * Reads `text[start, end)` as an expression; offsets in the result are document offsets.
 * `headIsHelper`: a block opener's head is a helper even without arguments.
 */
export function readSimpleExpression(text: string, start: number, end: number, headIsHelper: boolean, isHelper: HelperLookup): ExpressionAnalysis | undefined {
  let i = skipSpace(text, start, end);
  const head = readPath(text, i, end);
  if (!head || !startsLikeName(text.charCodeAt(i))) return undefined;
  i = head.end;
  let args: ArgumentInfo[] = NONE;
  for (;;) {
    const afterSpace = skipSpace(text, i, end);
    if (afterSpace === end) break;
    if (afterSpace === i) return undefined; // tokens must be separated by whitespace
    i = afterSpace;
    const arg = readArgument(text, i, end);
    if (!arg) return undefined;
    if (args === NONE) args = [];
    args.push(arg);
    i = arg.end;
  }
  // `{{true}}` is a literal, `{{else…}}` may lex as an else tag (`{{ else$ }}` does, `{{elsewhere}}`
  // does not): the parser knows.
  if (isKeyword(head.name) || head.name.startsWith('else')) return undefined;
  const headIsHelperNow = headIsHelper || args.length > 0 || isHelper(head.name);
  // Most expressions are one merge field: share the empty lists (frozen, so a caller that tried to
  // add to one would fail loudly) rather than allocate them for every mustache of a large payload.
  const helpers: NamedSpan[] = headIsHelperNow ? [head] : NONE;
  let fields: NamedSpan[] = headIsHelperNow ? NONE : [head];
  for (const arg of args) {
    if (arg.kind !== 'path') continue;
    if (fields === NONE) fields = [];
    fields.push({ start: arg.start, end: arg.end, name: arg.name });
  }
  return {
    head: { start: head.start, end: head.end, name: head.name, isHelper: headIsHelperNow },
    args,
    helpers,
    fields,
    unsupported: NONE,
  };
}

const NONE: never[] = Object.freeze([]) as unknown as never[];

const KEYWORDS = new Set(['true', 'false', 'null', 'undefined', 'else', 'as']);

function isKeyword(name: string): boolean {
  // Most names are no keyword: a length check spares hashing them.
  return name.length <= 9 && KEYWORDS.has(name);
}

function readArgument(text: string, i: number, end: number): ArgumentInfo | undefined {
  const c = text.charCodeAt(i);
  if (c === 0x27 || c === 0x22) {
    // A quoted string: the same quote closes it; escapes go to the real parser.
    for (let j = i + 1; j < end; j++) {
      const d = text.charCodeAt(j);
      if (d === 0x5c) return undefined;
      if (d === c) return endsToken(text, j + 1, end) ? { kind: 'literal', value: text.slice(i + 1, j), start: i, end: j + 1 } : undefined;
    }
    return undefined;
  }
  if (c === 0x2d || isDigit(c)) {
    let j = c === 0x2d ? i + 1 : i;
    const digitsStart = j;
    while (j < end && isDigit(text.charCodeAt(j))) j++;
    if (j === digitsStart) return undefined;
    if (text.charCodeAt(j) === 0x2e) {
      const fraction = j + 1;
      j = fraction;
      while (j < end && isDigit(text.charCodeAt(j))) j++;
      if (j === fraction) return undefined;
    }
    return endsToken(text, j, end) ? { kind: 'literal', value: Number(text.slice(i, j)), start: i, end: j } : undefined;
  }
  const path = readPath(text, i, end);
  if (!path || !startsLikeName(c)) return undefined;
  if (path.name === 'true' || path.name === 'false') return { kind: 'literal', value: path.name === 'true', start: i, end: path.end };
  if (path.name === 'null' || path.name === 'undefined') return { kind: 'literal', value: null, start: i, end: path.end };
  if (isKeyword(path.name)) return undefined;
  return { kind: 'path', name: path.name, start: i, end: path.end };
}

/**
 * A path of name segments separated by `.` or `/`, where a segment may be `[literal]`. Its name is
 * what Handlebars calls `original`: separators kept, brackets dropped.
 */
function readPath(text: string, i: number, end: number): NamedSpan | undefined {
  const start = i;
  // Built piece by piece only once a bracket is met; a plain path is one slice of the text.
  let bracketed: string | undefined;
  for (;;) {
    if (text.charCodeAt(i) === 0x5b) {
      const close = text.indexOf(']', i + 1);
      if (close === -1 || close >= end) return undefined;
      const segment = text.slice(i + 1, close);
      if (segment.includes('[') || segment.includes('\\') || segment.length === 0) return undefined;
      bracketed = (bracketed ?? text.slice(start, i)) + segment;
      i = close + 1;
    } else {
      const segmentStart = i;
      while (i < end && isNameChar(text.charCodeAt(i))) i++;
      if (i === segmentStart) return undefined;
      // `this` paths have their own rules; a segment starting like a number may lex as one.
      const first = text.charCodeAt(segmentStart);
      if (isDigit(first) || first === 0x2d || (i - segmentStart === 4 && text.startsWith('this', segmentStart))) return undefined;
      if (bracketed !== undefined) bracketed += text.slice(segmentStart, i);
    }
    const c = text.charCodeAt(i);
    if (i < end && (c === 0x2e || c === 0x2f)) {
      if (bracketed !== undefined) bracketed += text[i];
      i++;
      continue;
    }
    return endsToken(text, i, end) ? { start, end: i, name: bracketed ?? text.slice(start, i) } : undefined;
  }
}

/** A token ends at whitespace or at the end of the expression. */
function endsToken(text: string, i: number, end: number): boolean {
  return i === end || isSpace(text.charCodeAt(i));
}

function skipSpace(text: string, i: number, end: number): number {
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A head or path argument starts with a letter, `_` or `$` (digits, `-` and the rest: the real parser decides). */
function startsLikeName(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24 || c === 0x5b;
}

/**
 * Characters Handlebars allows in a name, restricted to ASCII: letters, digits, `_`, `$`, `-`, `:`,
 * `?`. Others (non-ASCII included) go to the real parser.
 */
function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || isDigit(c) || c === 0x5f || c === 0x24 || c === 0x2d || c === 0x3a || c === 0x3f;
}
