/**
 * Offset-preserving JSON views of a template: the text Iterable would send, with every Handlebars
 * construct replaced by characters of the same length, so that any offset in a view is the same
 * offset in the source.
 *
 * - a mustache inside a JSON string keeps its characters, except `"`, `\` and control characters,
 *   which become `_` (the string stays one string, and keys such as `"{{phoneNumber}}"` stay distinct);
 * - a mustache in the JSON structure becomes the number `0` padded with spaces (a value placeholder);
 * - comments, partials and block tags become spaces;
 * - each block renders exactly one branch per view; the others become spaces. View 0 takes every
 *   block's first branch; view k takes branch k (the last one if a block has fewer), where a block
 *   without a final `{{else}}` has an extra, empty branch. So `{{#if a}}true{{else}}false{{/if}}`
 *   is checked as `true` in view 0 and as `false` in view 1.
 */
import type { Block } from './blockStructure';
import type { Mustache } from './mustacheScanner';
import type { TextSpan } from './expressionAnalyzer';

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

export function viewCount(blocks: readonly Block[]): number {
  let count = 1;
  for (const block of blocks) if (block.close && block.fixedBranch === undefined) count = Math.max(count, branchCount(block));
  return Math.min(count, MAX_VIEWS);
}

function branchCount(block: Block): number {
  return block.branches.length + (block.hasFinalElse ? 0 : 1);
}

export function buildJsonView(text: string, mustaches: readonly Mustache[], blocks: readonly Block[], index: number): JsonView {
  const hidden: TextSpan[] = [];
  const focus: TextSpan[] = [];
  for (const block of blocks) {
    // An unclosed block has no known extent: it is reported, and rendered as if always true.
    if (!block.close) continue;
    const selected = block.fixedBranch ?? Math.min(index, branchCount(block) - 1);
    block.branches.forEach((branch, i) => {
      if (i !== selected) hidden.push({ start: branch.start, end: branch.end });
      else if (i > 0) focus.push({ start: branch.start, end: branch.end });
    });
    // The implicit empty branch renders nothing: the whole block is focus for what surrounds it.
    if (selected === block.branches.length && block.fixedBranch === undefined) focus.push({ start: block.open.start, end: block.close.end });
  }
  if (mustaches.length === 0) return { index, text, hidden, focus };

  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  let previousPlaceholderEnd = -1;
  for (const m of mustaches) {
    if (m.inString) {
      if (isValueLike(m)) fillInsideString(codes, m.start, m.end);
      else blank(codes, m.start, m.end);
    } else if (isValueLike(m)) {
      writePlaceholder(codes, m.start, m.end, previousPlaceholderEnd === m.start);
      previousPlaceholderEnd = m.end;
    } else {
      blank(codes, m.start, m.end);
    }
  }
  for (const span of hidden) blank(codes, span.start, span.end);
  return { index, text: decode(codes), hidden, focus };
}

/** Mustaches that render a value in place (as opposed to tags that only steer rendering). */
export function isValueLike(m: Mustache): boolean {
  return m.kind === 'expression' || m.kind === 'unescaped';
}

function fillInsideString(codes: Uint16Array, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const c = codes[i];
    if (c === 0x22 || c === 0x5c || c < 0x20) codes[i] = UNDERSCORE;
  }
}

function blank(codes: Uint16Array, start: number, end: number): void {
  codes.fill(SPACE, start, end);
}

/**
 * A value placeholder. Adjacent value mustaches (`{{a}}{{b}}`) render one token, and a mustache
 * right after a digit (`1{{a}}`) extends that number, so those become spaces only.
 */
function writePlaceholder(codes: Uint16Array, start: number, end: number, continuesPrevious: boolean): void {
  blank(codes, start, end);
  const before = start > 0 ? codes[start - 1] : SPACE;
  if (continuesPrevious || (before >= ZERO && before <= ZERO + 9)) return;
  codes[start] = ZERO;
}

function decode(codes: Uint16Array): string {
  const chunk = 8192;
  let out = '';
  for (let i = 0; i < codes.length; i += chunk) {
    out += String.fromCharCode.apply(null, codes.subarray(i, i + chunk) as unknown as number[]);
  }
  return out;
}
