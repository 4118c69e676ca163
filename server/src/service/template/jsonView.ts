/**
 * Offset-preserving JSON views of a template: the text Iterable would send, with every Handlebars
 * construct replaced by characters of the same length, so that any offset in a view is the same
 * offset in the source.
 *
 * - a mustache inside a JSON string keeps its characters, except `"`, `\` and control characters,
 *   which become `_` (the string stays one string, and keys such as `"{{phoneNumber}}"` stay distinct);
 * - a mustache in the JSON structure becomes the number `0` padded with spaces (a value placeholder);
 * - comments, partials, block tags and helpers that render nothing (`{{sendSkip}}`) become spaces (digits where they sit inside a number: `1{{!x}}5`);
 * - each block renders exactly one branch per view; the others become spaces. View 0 assumes every
 *   condition true (first branch of `#if`, else branch of `#unless`); view k takes branch k (the
 *   last one if a block has fewer), where a block without a final `{{else}}` has an extra, empty
 *   branch. So `{{#if a}}true{{else}}false{{/if}}` is checked as `true` in view 0 and as `false` in
 *   view 1, and `{{#if a}}…{{/if}}{{#unless a}}…{{/unless}}` never renders both.
 */
import type { Block } from './blockStructure';
import type { TextSpan } from './expressionAnalyzer';
import type { Mustache } from './mustacheScanner';

export interface JsonView {
  index: number;
  text: string;
  /** Branch contents this view does not render (blanked). */
  hidden: TextSpan[];
  /** Branch contents rendered here but not in view 0: where this view can find new problems. */
  focus: TextSpan[];
}

/** Views beyond this many are not built: long `{{else if}}` chains are checked up to here. */
export const MAX_VIEWS = 4;

const SPACE = 0x20;
const UNDERSCORE = 0x5f;
const ZERO = 0x30;
const ONE = 0x31;
const BOM = 0xfeff;

export function viewCount(blocks: readonly Block[]): number {
  let count = 1;
  for (const block of blocks) if (block.close && block.fixedBranch === undefined) count = Math.max(count, branchCount(block));
  return Math.min(count, MAX_VIEWS);
}

/** Explicit branches, plus the empty one of a block without a final `{{else}}`. */
export function branchCount(block: Block): number {
  return block.branches.length + (block.hasFinalElse ? 0 : 1);
}

/** The branch of `block` that view `index` renders (`block.branches.length` = the empty branch). */
export function selectedBranch(block: Block, index: number): number {
  if (block.fixedBranch !== undefined) return block.fixedBranch;
  const count = branchCount(block);
  // `#unless` renders its first branch when the condition is false: view 0 (all true) takes its last.
  if (block.name === 'unless' && count === 2) return index === 0 ? 1 : 0;
  return Math.min(index, count - 1);
}

/**
 * `rendersNothing` tells the value mustaches that render no text at all (`{{sendSkip}}`): outside a
 * string they become spaces, not a value placeholder.
 */
export function buildJsonView(
  text: string,
  mustaches: readonly Mustache[],
  blocks: readonly Block[],
  index: number,
  rendersNothing: (m: Mustache) => boolean = () => false,
): JsonView {
  const hidden: TextSpan[] = [];
  const focus: TextSpan[] = [];
  for (const block of blocks) {
    // An unclosed block has no known extent: it is reported, and rendered as if always true.
    if (!block.close) continue;
    const selected = selectedBranch(block, index);
    const inView0 = selectedBranch(block, 0);
    block.branches.forEach((branch, i) => {
      if (i !== selected) hidden.push({ start: branch.start, end: branch.end });
      else if (i !== inView0) focus.push({ start: branch.start, end: branch.end });
    });
    // The empty branch renders nothing: the whole block is focus for what surrounds it.
    if (selected === block.branches.length && selected !== inView0) focus.push({ start: block.open.start, end: block.close.end });
  }
  const hasBom = text.charCodeAt(0) === BOM;
  if (mustaches.length === 0 && !hasBom) return { index, text, hidden, focus };

  const codes = encode(text);
  // An editor hides a byte order mark; Iterable's body field cannot hold one. Read it as a space.
  if (hasBom) codes[0] = SPACE;
  const structural: TextSpan[] = [];
  let previousPlaceholderEnd = -1;
  for (const m of mustaches) {
    if (m.inString) {
      if (isValueLike(m)) fillInsideString(codes, m.start, m.end);
      else blank(codes, m.start, m.end);
      continue;
    }
    if (isValueLike(m) && !rendersNothing(m)) {
      writePlaceholder(codes, m.start, m.end, previousPlaceholderEnd === m.start);
      previousPlaceholderEnd = m.end;
    } else {
      blank(codes, m.start, m.end);
    }
    structural.push({ start: m.start, end: m.end });
  }
  for (const span of hidden) blank(codes, span.start, span.end);
  joinSplitNumbers(codes, [...structural, ...hidden]);
  return { index, text: decode(codes), hidden, focus };
}

/** Mustaches that render a value in place (as opposed to tags that only steer rendering). */
export function isValueLike(m: Mustache): boolean {
  return m.kind === 'expression' || m.kind === 'unescaped';
}

function fillInsideString(codes: CodeUnits, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const c = codes[i];
    if (c === 0x22 || c === 0x5c || c < 0x20) codes[i] = UNDERSCORE;
  }
}

function blank(codes: CodeUnits, start: number, end: number): void {
  codes.fill(SPACE, start, end);
}

/**
 * A value placeholder. Adjacent value mustaches (`{{a}}{{b}}`) render one token, and a mustache
 * right after a digit (`1{{a}}`) extends that number, so those become spaces only.
 */
function writePlaceholder(codes: CodeUnits, start: number, end: number, continuesPrevious: boolean): void {
  blank(codes, start, end);
  const before = start > 0 ? codes[start - 1] : SPACE;
  if (continuesPrevious || isDigit(before)) return;
  codes[start] = ZERO;
}

/**
 * Template constructs in the middle of a number (`1{{! unit }}5`, `{{n}}5`) render nothing or
 * digits, so the number stays one token: fill such a masked run with digits instead of spaces.
 */
function joinSplitNumbers(codes: CodeUnits, spans: TextSpan[]): void {
  spans.sort((a, b) => a.start - b.start);
  let i = 0;
  while (i < spans.length) {
    const start = spans[i].start;
    let end = spans[i].end;
    while (i + 1 < spans.length && spans[i + 1].start <= end) end = Math.max(end, spans[++i].end);
    i++;
    if (end >= codes.length || !isDigit(codes[end])) continue;
    const before = start > 0 ? codes[start - 1] : SPACE;
    if (isDigit(before)) codes.fill(ZERO, start, end);
    else if (codes[start] === ZERO) codes.fill(ONE, start, end); // a placeholder opens the number
  }
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9;
}

/** The text's UTF-16 code units, one byte each when the text is ASCII (the usual payload). */
type CodeUnits = Uint8Array | Uint16Array;

/**
 * Node's Buffer copies code units natively (lone surrogates included), ten times faster than a
 * loop on a large payload; an ASCII text gets one byte per character, so its views are one-byte
 * strings (half the memory, and faster for JSON.parse). Elsewhere (a browser worker) a loop does
 * the same in two bytes.
 */
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

/** The part of Node's Buffer used here, declared locally: the service compiles without Node's types. */
interface NodeBuffer {
  byteLength(text: string, encoding: 'utf8'): number;
  from(text: string, encoding: 'latin1' | 'utf16le'): Uint8Array;
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'latin1' | 'utf16le'): string };
}

function encode(text: string): CodeUnits {
  if (nodeBuffer) {
    if (nodeBuffer.byteLength(text, 'utf8') === text.length) return nodeBuffer.from(text, 'latin1');
    const bytes = nodeBuffer.from(text, 'utf16le');
    return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  }
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

function decode(codes: CodeUnits): string {
  if (nodeBuffer) {
    const bytes = nodeBuffer.from(codes.buffer, codes.byteOffset, codes.byteLength);
    return bytes.toString(codes instanceof Uint8Array ? 'latin1' : 'utf16le');
  }
  const chunk = 8192;
  let out = '';
  for (let i = 0; i < codes.length; i += chunk) {
    out += String.fromCharCode.apply(null, codes.subarray(i, i + chunk) as unknown as number[]);
  }
  return out;
}
