/**
 * What the server makes of the positions, ranges and options a request carries, before any feature
 * sees them. Clients send positions computed on their copy of the text; a request that races with
 * an edit, a buggy client or a hand-written request can carry anything: negative or fractional
 * numbers, lines past the end, strings, nothing at all. Each helper either returns a value inside
 * the document or says the request cannot be answered (undefined), so features never guess.
 */
import type { FormattingOptions, Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Wider indentation than this is no formatting preference but a mistake (and would make huge edits). */
export const MAX_TAB_SIZE = 32;
/** Used when the client sends no usable tab size: the indentation of Regal's own examples. */
export const DEFAULT_TAB_SIZE = 2;

/** A JSON-RPC `uinteger`: a whole number, zero or more. */
function isUInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isPosition(value: unknown): value is Position {
  const p = value as Partial<Position> | null | undefined;
  return typeof p === 'object' && p !== null && isUInteger(p.line) && isUInteger(p.character);
}

/**
 * The position in the document, or undefined when it names no place in it (a line past the end,
 * or no well-formed position). A character past the end of its line means the end of the line, as
 * the LSP specification says.
 */
export function positionIn(document: TextDocument, position: unknown): Position | undefined {
  if (!isPosition(position) || position.line >= document.lineCount) return undefined;
  return document.positionAt(document.offsetAt(position));
}

/**
 * The range within the document: ends past the document's end are clamped to it (clients send
 * "the whole document" as a range that ends on the line after the last), and reversed ends are put
 * in order. Undefined when an end is no well-formed position.
 */
export function rangeIn(document: TextDocument, range: unknown): Range | undefined {
  const r = range as Partial<Range> | null | undefined;
  if (typeof r !== 'object' || r === null || !isPosition(r.start) || !isPosition(r.end)) return undefined;
  const start = document.offsetAt(r.start);
  const end = document.offsetAt(r.end);
  return { start: document.positionAt(Math.min(start, end)), end: document.positionAt(Math.max(start, end)) };
}

/** The positions of a selection-range request, all inside the document, or undefined if any is not (the answer must match them one to one). */
export function positionsIn(document: TextDocument, positions: unknown): Position[] | undefined {
  if (!Array.isArray(positions)) return undefined;
  const usable: Position[] = [];
  for (const position of positions as unknown[]) {
    const inside = positionIn(document, position);
    if (!inside) return undefined;
    usable.push(inside);
  }
  return usable;
}

/** Formatting options with a usable tab size (a whole number from 1 to MAX_TAB_SIZE) and a boolean insertSpaces. */
export function formattingOptionsOf(options: unknown): FormattingOptions {
  const o = typeof options === 'object' && options !== null ? (options as Partial<FormattingOptions>) : {};
  const tabSize = typeof o.tabSize === 'number' && Number.isFinite(o.tabSize) ? Math.min(MAX_TAB_SIZE, Math.max(1, Math.floor(o.tabSize))) : DEFAULT_TAB_SIZE;
  return { ...o, tabSize, insertSpaces: typeof o.insertSpaces === 'boolean' ? o.insertSpaces : true };
}

/** The document URI a request names, if it names one. */
export function documentUriOf(params: unknown): string | undefined {
  const uri = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument?.uri;
  return typeof uri === 'string' ? uri : undefined;
}
