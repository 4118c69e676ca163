/**
 * One linear pass over a payload template that finds every Handlebars mustache and tells whether it
 * sits inside a JSON string literal or in the JSON structure.
 *
 * Handlebars runs before anything reads the text as JSON, so mustaches are recognised everywhere,
 * even inside `//` comments; JSON state (string / comment) is tracked only to classify them.
 */

export type MustacheKind =
  | 'expression' // {{field}} or {{helper args}}
  | 'unescaped' // {{{field}}} or {{& field}}
  | 'comment' // {{! ...}} / {{!-- ... --}}
  | 'blockOpen' // {{#helper ...}}
  | 'inverseOpen' // {{^field}} (inverse section; not supported by Iterable)
  | 'blockClose' // {{/helper}}
  | 'else' // {{else}}, {{else if x}}, {{^}}
  | 'partial'; // {{> name}} (not supported by Iterable)

export interface Mustache {
  kind: MustacheKind;
  /** Offset of the first `{`. */
  start: number;
  /** Offset just past the closing braces (or where scanning stopped for an unclosed one). */
  end: number;
  /** The expression text: after `{{`, `{`, `~` and the sigil; before `~` and the closing braces. */
  contentStart: number;
  contentEnd: number;
  /** Inside a JSON string literal (between its quotes). */
  inString: boolean;
  /** Inside a JSON line or block comment (reported as a comment itself; the mustache is no value). */
  inComment: boolean;
  /** False when no closing `}}` was found; `end` then marks where recovery stopped. */
  closed: boolean;
}

export interface ScanResult {
  mustaches: Mustache[];
  /** Deepest `{`/`[` nesting seen outside strings, with the offset where it was reached. */
  maxDepth: number;
  maxDepthOffset: number;
}

const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const QUOTE = 0x22; // "
const APOSTROPHE = 0x27; // '
const BACKSLASH = 0x5c; // \
const SLASH = 0x2f; // /
const STAR = 0x2a; // *
const TILDE = 0x7e; // ~
const LF = 0x0a;
const CR = 0x0d;

const enum JsonState {
  Structure,
  String,
  LineComment,
  BlockComment,
}

export function scanMustaches(text: string): ScanResult {
  const mustaches: Mustache[] = [];
  const n = text.length;
  let state = JsonState.Structure;
  let depth = 0;
  let maxDepth = 0;
  let maxDepthOffset = 0;
  const find = memoizedFinder(text);
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE && text.charCodeAt(i + 1) === OPEN_BRACE) {
      const m = scanOne(text, i, state === JsonState.String, state === JsonState.LineComment || state === JsonState.BlockComment, find);
      mustaches.push(m);
      i = m.end > i ? m.end : i + 2;
      continue;
    }
    switch (state) {
      case JsonState.Structure:
        if (c === QUOTE) state = JsonState.String;
        else if (c === SLASH) {
          const next = text.charCodeAt(i + 1);
          if (next === SLASH) state = JsonState.LineComment;
          else if (next === STAR) {
            state = JsonState.BlockComment;
            i++;
          }
        } else if (c === OPEN_BRACE || c === 0x5b) {
          depth++;
          if (depth > maxDepth) {
            maxDepth = depth;
            maxDepthOffset = i;
          }
        } else if ((c === CLOSE_BRACE || c === 0x5d) && depth > 0) depth--;
        break;
      case JsonState.String:
        if (c === BACKSLASH) i++;
        else if (c === QUOTE || c === LF || c === CR) state = JsonState.Structure;
        break;
      case JsonState.LineComment:
        if (c === LF || c === CR) state = JsonState.Structure;
        break;
      case JsonState.BlockComment:
        if (c === STAR && text.charCodeAt(i + 1) === SLASH) {
          state = JsonState.Structure;
          i++;
        }
        break;
    }
    i++;
  }
  return { mustaches, maxDepth, maxDepthOffset };
}

/**
 * `text.indexOf(pattern, from)` that remembers its last answer per pattern: a search from a later
 * offset that is still before the remembered hit has the same answer. This keeps the scan linear
 * when many mustaches look for a closer that is far away or absent (e.g. unclosed `{{!--`).
 */
function memoizedFinder(text: string): (pattern: string, from: number) => number {
  const memo = new Map<string, { from: number; found: number }>();
  return (pattern, from) => {
    const last = memo.get(pattern);
    if (last && from >= last.from && (last.found === -1 || from <= last.found)) return last.found;
    const found = text.indexOf(pattern, from);
    memo.set(pattern, { from, found });
    return found;
  };
}

/** Scans the mustache whose `{{` is at `start`. */
function scanOne(text: string, start: number, inString: boolean, inComment: boolean, find: (pattern: string, from: number) => number): Mustache {
  let p = start + 2;
  const triple = text.charCodeAt(p) === OPEN_BRACE;
  if (triple) p++;
  if (text.charCodeAt(p) === TILDE) p++;

  if (!triple && text.charCodeAt(p) === 0x21 /* ! */) {
    return scanComment(text, start, p + 1, inString, inComment, find);
  }

  let kind: MustacheKind = triple ? 'unescaped' : 'expression';
  if (!triple) {
    switch (text.charCodeAt(p)) {
      case 0x23: // #
        kind = 'blockOpen';
        p++;
        break;
      case 0x2f: // /
        kind = 'blockClose';
        p++;
        break;
      case 0x5e: // ^
        kind = 'inverseOpen';
        p++;
        break;
      case 0x3e: // >
        kind = 'partial';
        p++;
        break;
      case 0x26: // &
        kind = 'unescaped';
        p++;
        break;
      default:
        // `{{else}}`, `{{ else }}`, `{{~ else if x}}`: Handlebars allows spaces before the keyword.
        if (isElseKeyword(text, p)) kind = 'else';
    }
  }
  const contentStart = p;
  const closer = triple ? '}}}' : '}}';
  // Walk to the closing braces, stepping over Handlebars string literals ('…' or "…"), which may
  // legitimately contain `}}`. A new `{{` before any close means this one was never closed, and so
  // does a line break inside a JSON string (JSON strings are one line; the `"` that follows is JSON's).
  const n = text.length;
  let lineEnd = -1;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === CLOSE_BRACE && text.startsWith(closer, p)) {
      let contentEnd = p;
      if (text.charCodeAt(p - 1) === TILDE && p - 1 >= contentStart) contentEnd = p - 1;
      if (kind === 'inverseOpen' && text.slice(contentStart, contentEnd).trim() === '') kind = 'else';
      return { kind, start, end: p + closer.length, contentStart, contentEnd, inString, inComment, closed: true };
    }
    if (c === OPEN_BRACE && text.charCodeAt(p + 1) === OPEN_BRACE) break;
    if (inString && (c === LF || c === CR)) break;
    if (c === APOSTROPHE || c === QUOTE) {
      if (lineEnd < p) lineEnd = nextLineBreak(text, p, find);
      const close = text.indexOf(c === QUOTE ? '"' : "'", p + 1);
      // An unterminated literal (or one that runs past the line) is not skipped: let the
      // unclosed-mustache recovery below decide where this mustache stops.
      if (close !== -1 && close < lineEnd) {
        p = close + 1;
        continue;
      }
    }
    p++;
  }
  return unclosed(text, start, contentStart, kind, inString, inComment);
}

/**
 * `{{! … }}` ends at the first `}}`; `{{!-- … --}}` at the first `--}}` (or `--~}}`). Like
 * Handlebars' lexer, a `{{!--` without `--}}` is read as a short comment up to the first `}}`.
 */
function scanComment(
  text: string,
  start: number,
  bodyStart: number,
  inString: boolean,
  inComment: boolean,
  find: (pattern: string, from: number) => number,
): Mustache {
  if (text.startsWith('--', bodyStart)) {
    const plain = find('--}}', bodyStart + 2);
    const stripped = find('--~}}', bodyStart + 2);
    const close = plain === -1 ? stripped : stripped === -1 ? plain : Math.min(plain, stripped);
    if (close !== -1) {
      const end = close + (close === stripped ? 5 : 4);
      return { kind: 'comment', start, end, contentStart: bodyStart, contentEnd: close, inString, inComment, closed: true };
    }
  }
  const close = find('}}', bodyStart);
  if (close === -1) return unclosed(text, start, bodyStart, 'comment', inString, inComment);
  const contentEnd = text.charCodeAt(close - 1) === TILDE && close - 1 >= bodyStart ? close - 1 : close;
  return { kind: 'comment', start, end: close + 2, contentStart: bodyStart, contentEnd, inString, inComment, closed: true };
}

/**
 * Recovery for a mustache without its closing braces: stop at the end of the line, at the next
 * `{{`, and at the first character that would end the surrounding JSON token, so that one missing
 * `}}` produces one diagnostic rather than a cascade of JSON errors.
 */
function unclosed(text: string, start: number, contentStart: number, kind: MustacheKind, inString: boolean, inComment: boolean): Mustache {
  const n = text.length;
  let p = contentStart;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === LF || c === CR) break;
    if (c === OPEN_BRACE && text.charCodeAt(p + 1) === OPEN_BRACE) break;
    if (inString ? c === QUOTE : c === QUOTE || c === 0x2c || c === CLOSE_BRACE || c === 0x5d) break;
    p++;
  }
  return { kind, start, end: p, contentStart, contentEnd: p, inString, inComment, closed: false };
}

/** `else` after optional whitespace, as a whole word (`{{else}}`, `{{ else if x}}`, not `{{elsewhere}}`). */
function isElseKeyword(text: string, p: number): boolean {
  while (isWhitespace(text.charCodeAt(p))) p++;
  if (!text.startsWith('else', p)) return false;
  const after = text.charCodeAt(p + 4);
  return Number.isNaN(after) || isWhitespace(after) || after === TILDE || after === CLOSE_BRACE;
}

/** What `\s` matches in Handlebars' lexer (a JavaScript regular expression). */
function isWhitespace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function nextLineBreak(text: string, from: number, find: (pattern: string, from: number) => number): number {
  const lf = find('\n', from);
  return lf === -1 ? text.length : lf;
}
