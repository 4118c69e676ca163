/**
 * Where the cursor is in the JSON of a payload that is being typed (so usually invalid): in the key
 * or the value position of which object or array, and which token the completion replaces.
 *
 * The container comes from the analysis' error-tolerant tree of view 0 (binary search, see
 * jsonTree.nodeAtOffset); the tokens come from jsonc-parser's scanner on the same masked text
 * (mustaches keep their length, so offsets are document offsets), run over the container's
 * text before the cursor only. As in vscode-json-languageservice, a token being typed is replaced
 * whole (`"ph|one"`, quotes included), a comma is added after the inserted text when the
 * next token needs one, and after the previous member when it has none.
 */
import { createScanner, getNodePath, ScanError, SyntaxKind, type JSONScanner, type Node } from 'jsonc-parser';
import { keyOf, nodeAtOffset, propertiesOf } from '../json/jsonTree';
import { missingCommaAt } from '../json/missingComma';

export interface TokenRange {
  start: number;
  end: number;
}

export interface JsonCursor {
  kind: 'key' | 'value';
  /** The object (for keys and property values) or array (for items) the cursor is in. */
  container: Node;
  /** Path from the root to the container (keys as the view spells them; masked keys only matter under `phones`/`emails`). */
  containerPath: Array<string | number>;
  /** For a property value: its key. */
  key?: string;
  /** What the completion replaces: the token being typed, or an empty range at the cursor. */
  replace: TokenRange;
  /** The token being typed is a string literal (starts with a quote). */
  inString: boolean;
  /** For keys: a `:` already follows the token, so only the key is inserted. */
  colonFollows: boolean;
  /** `,` when the token after the replaced range needs a separator, else ''. */
  separatorAfter: string;
  /**
   * Where a `,` is missing before the completed member: the end of the previous member (after any
   * template that renders it, such as `{{/if}}`), when only blanks or tags separate it from the cursor.
   */
  commaBefore?: number;
  /** A space to put before a value typed right after its `:`. */
  spaceBefore: string;
  /** Keys already present in the container (the one being typed excluded). */
  existingKeys: Set<string>;
}

/** Characters that continue an unquoted word or an unterminated string's word after the cursor. */
const WORD_AFTER = /[^\s"{}[\],:]/;

/**
 * The JSON cursor at `offset`, or undefined when the cursor is outside the JSON structure (before
 * the root, after it, in a comment, in a terminated string's closing quote).
 */
export function jsonCursorAt(root: Node | undefined, viewText: string, source: string, offset: number): JsonCursor | undefined {
  if (!root) return undefined;
  // At the very end of a document whose root is not closed yet, the cursor is in what it ends.
  const rootEnd = root.offset + root.length;
  let container: Node | undefined = nodeAtOffset(root, offset === rootEnd && offset > root.offset ? offset - 1 : offset);
  while (container && !((container.type === 'object' || container.type === 'array') && offset > container.offset)) container = container.parent;
  if (!container) return undefined;

  const scan = scanContainer(viewText, container, offset);
  if (!scan) return undefined;
  const { token, lastSignificant, lastKey, valueEnd } = scan;

  const replace: TokenRange = token ?? { start: offset, end: offset };
  let kind: 'key' | 'value';
  if (container.type === 'array') kind = 'value';
  else kind = lastSignificant === SyntaxKind.ColonToken ? 'value' : 'key';

  const next = nextToken(viewText, replace.end);
  const existingKeys = new Set<string>();
  if (container.type === 'object') {
    for (const property of propertiesOf(container)) {
      const keyNode = property.children?.[0];
      if (keyNode && keyNode.offset === replace.start && token) continue;
      existingKeys.add(keyOf(property, source));
    }
  }
  const before = replace.start > 0 ? viewText.charCodeAt(replace.start - 1) : 0;
  return {
    kind,
    container,
    containerPath: getNodePath(container),
    key: kind === 'value' && container.type === 'object' ? lastKey : undefined,
    replace,
    inString: token !== undefined && viewText.charCodeAt(token.start) === 0x22,
    colonFollows: next === SyntaxKind.ColonToken,
    separatorAfter:
      next === SyntaxKind.CloseBraceToken || next === SyntaxKind.CloseBracketToken || next === SyntaxKind.CommaToken || next === SyntaxKind.EOF ? '' : ',',
    spaceBefore: kind === 'value' && before === 0x3a /* : */ ? ' ' : '',
    commaBefore: valueEnd === undefined ? undefined : missingCommaAt(viewText, source, valueEnd, replace.start),
    existingKeys,
  };
}

interface ContainerScan {
  /** The token the cursor is in or at the end of (a string, word, number or keyword). */
  token?: TokenRange;
  /** The last structural token of the container before that token. */
  lastSignificant?: SyntaxKind;
  /** The last key of the container followed by `:` (the key of a value being typed). */
  lastKey?: string;
  /** The end of the last complete member value before the token, when no `,` or `:` follows it. */
  valueEnd?: number;
}

/** Walks the container's direct tokens up to the cursor; undefined when the cursor sits in a comment. */
function scanContainer(viewText: string, container: Node, offset: number): ContainerScan | undefined {
  const scanner = createScanner(viewText, false);
  scanner.setPosition(container.offset + 1);
  const result: ContainerScan = {};
  let depth = 0;
  let pendingKey: string | undefined;
  // Array items are values from the start; an object's values come after their `:`.
  let expectingValue = container.type === 'array';
  for (;;) {
    const kind = scanner.scan();
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    if (kind === SyntaxKind.EOF || start >= offset) return result;
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      // Inside a comment (a line comment ends at its line break, which it does not include).
      if (
        offset > start &&
        (offset < end || (offset === end && (kind === SyntaxKind.LineCommentTrivia || scanner.getTokenError() === ScanError.UnexpectedEndOfComment)))
      ) {
        return undefined;
      }
      continue;
    }
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
    if (depth === 0 && offset <= end && isWordLike(kind)) {
      const token = typedToken(scanner, kind, start, end, offset, viewText);
      if (token === 'after') {
        result.lastSignificant = kind;
        if (expectingValue) result.valueEnd = end;
        expectingValue = false;
        continue;
      }
      result.token = token;
      return result;
    }
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (depth === 0) result.lastSignificant = kind;
      depth++;
      continue;
    }
    if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth--;
      // The container closes before the cursor: the cursor is after it, not in it.
      if (depth < 0) return undefined;
      if (depth === 0) {
        result.lastSignificant = kind;
        if (expectingValue) result.valueEnd = end;
        expectingValue = false;
      }
      continue;
    }
    if (depth > 0) continue;
    if (kind === SyntaxKind.ColonToken) result.lastKey = pendingKey;
    pendingKey = kind === SyntaxKind.StringLiteral ? scanner.getTokenValue() : undefined;
    result.lastSignificant = kind;
    if (kind === SyntaxKind.CommaToken || kind === SyntaxKind.ColonToken) {
      expectingValue = kind === SyntaxKind.ColonToken || container.type === 'array';
      result.valueEnd = undefined;
    } else {
      if (expectingValue && isWordLike(kind)) result.valueEnd = end;
      expectingValue = false;
    }
  }
}

function isWordLike(kind: SyntaxKind): boolean {
  return (
    kind === SyntaxKind.StringLiteral ||
    kind === SyntaxKind.Unknown ||
    kind === SyntaxKind.NumericLiteral ||
    kind === SyntaxKind.TrueKeyword ||
    kind === SyntaxKind.FalseKeyword ||
    kind === SyntaxKind.NullKeyword
  );
}

/**
 * The range a completion replaces for the token the cursor touches, or 'after' when the cursor is
 * right after a terminated string (`"name"|`), which is not being typed.
 */
function typedToken(scanner: JSONScanner, kind: SyntaxKind, start: number, end: number, offset: number, viewText: string): TokenRange | 'after' {
  if (kind !== SyntaxKind.StringLiteral) return { start, end };
  const unterminated = scanner.getTokenError() === ScanError.UnexpectedEndOfString;
  if (!unterminated) return offset === end ? 'after' : { start, end };
  // An unterminated string runs to the end of the line; the token being typed is the quote and the
  // word around the cursor (`"ph|` in `{ "ph| }` is `"ph`).
  let wordEnd = offset;
  while (wordEnd < end && WORD_AFTER.test(viewText[wordEnd])) wordEnd++;
  return { start, end: wordEnd };
}

/** The kind of the first token at or after `offset`, comments and whitespace skipped. */
function nextToken(viewText: string, offset: number): SyntaxKind {
  const scanner = createScanner(viewText, true);
  scanner.setPosition(offset);
  return scanner.scan();
}
