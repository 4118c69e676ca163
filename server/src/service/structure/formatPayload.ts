/**
 * Formatting that re-indents the JSON of a payload template and never touches what is inside a
 * string or a mustache: it only rewrites the whitespace between tokens (see templateTokens.ts).
 *
 * Layout, like VS Code's JSON formatter: one member per line, `"key": value` with one space,
 * empty `{}`/`[]` kept together. Handlebars adds four rules:
 * - a block tag (or a Handlebars comment) that sits between members, i.e. right after `{`, `[`
 *   or `,`, goes on its own line at the members' indent, and so do its `{{else}}` and closing tag;
 * - a block that renders only a separator comma (`{{#if @index}},{{/if}}`,
 *   `}{{#unless @last}},{{/unless}}`) keeps its parts on the line the author wrote them on;
 * - where a template sits inside a value (`"a": {{#if x}}true{{else}}false{{/if}}`), the gaps stay
 *   as written (re-indented when they hold a line break): whitespace there is the author's;
 * - two tokens that touch (`1{{n}}`, `{{a}}{{b}}`) are never separated: they render one token.
 * A payload whose brackets do not balance, or with an unterminated string, comment or mustache,
 * gets no edits: its structure is unknown.
 */
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_NESTING } from '../payloadAnalysis';
import type { Block } from '../template/blockStructure';
import type { Mustache } from '../template/mustacheScanner';
import type { TemplateModel } from '../template/templateModel';
import { SLICE_ITEMS, type Steps } from '../util/steps';
import { tokenize, type Token } from './templateTokens';

interface Gap {
  start: number;
  end: number;
  text: string;
}

/** In steps (util/steps.ts): a slice of tokens, then of edits, at a time. */
export function* formatPayload(document: TextDocument, range: Range | undefined, options: FormattingOptions, template: TemplateModel): Steps<TextEdit[]> {
  const text = template.text;
  // Past the nesting the analysis reads, indentation alone would be quadratic in size.
  if (template.maxDepth > MAX_NESTING) return [];
  const { tokens, complete } = tokenize(text, template.mustaches);
  if (!complete || tokens.length === 0 || !bracketsBalance(tokens)) return [];

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize | 0)) : '\t';
  const indent = (level: number) => unit.repeat(Math.max(0, level));
  const lineLevel = lineLevelTags(tokens, template.blocks);
  const insideSeparator = separatorTokens(tokens, template.blocks, text);
  const joined = renderedNeighbours(tokens);
  yield;

  const edits: Array<Gap & { newText: string }> = [];
  const propose = (gap: Gap, newText: string) => {
    if (gap.text !== newText) edits.push({ ...gap, newText });
  };

  propose({ start: 0, end: tokens[0].start, text: text.slice(0, tokens[0].start) }, '' /* a byte order mark is a literal token, so it stays */);
  let depth = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (i % SLICE_ITEMS === SLICE_ITEMS - 1) yield;
    const a = tokens[i];
    const b = tokens[i + 1];
    if (a.kind === 'open') depth++;
    else if (a.kind === 'close') depth--;
    const gap = { start: a.end, end: b.start, text: text.slice(a.end, b.start) };
    if (gap.text === '' && joinable(tokens[joined.left[i] as number]) && joinable(tokens[joined.right[i + 1] as number])) continue;
    const lines = countLines(gap.text);
    const newLine = (level: number, keepBlankLine = true) => eol.repeat(keepBlankLine ? Math.min(2, Math.max(1, lines)) : 1) + indent(level);
    const separatorEnd = insideSeparator.get(a);
    // `{{#if @index}},{{/if}}` is one separator: its parts stay on the line the author gave them.
    if (separatorEnd !== undefined && b.end <= separatorEnd) {
      propose(gap, lines > 0 ? newLine(depth) : gap.text);
      continue;
    }

    if (b.kind === 'close') propose(gap, a.kind === 'open' ? '' : newLine(depth - 1, false));
    else if (a.kind === 'open') propose(gap, newLine(depth, false));
    else if (isTrailingComment(a, b, gap.text, text, lineLevel)) propose(gap, ' ');
    // A comma rendered by a block inside a line (`}{{#unless @last}},{{/unless}}`) stays with its closing tag.
    else if (a.kind === 'comma' && b.kind === 'tag' && !lineLevel.has(b)) propose(gap, lines > 0 ? newLine(depth) : gap.text);
    else if (a.kind === 'comma' || lineLevel.has(a) || lineLevel.has(b) || isLineComment(text, a)) propose(gap, newLine(depth));
    else if ((b.kind === 'comma' || b.kind === 'colon') && a.kind !== 'comment') propose(gap, '');
    else if (a.kind === 'colon') propose(gap, ' ');
    // Inside a value, or around a syntax error: the author's spacing, re-indented.
    else propose(gap, lines > 0 ? newLine(depth) : gap.text);
  }
  const last = tokens[tokens.length - 1];
  const tail = text.slice(last.end);
  propose({ start: last.end, end: text.length, text: tail }, countLines(tail) > 0 || options.insertFinalNewline ? eol : '');

  // A range covers whole lines: gaps that end on them, including the line break and indent before the first.
  const within = range && {
    start: document.offsetAt({ line: range.start.line, character: 0 }),
    end: document.offsetAt({ line: range.end.line, character: Number.MAX_SAFE_INTEGER }),
  };
  const result: TextEdit[] = [];
  for (let k = 0; k < edits.length; k++) {
    if (k % SLICE_ITEMS === SLICE_ITEMS - 1) yield;
    const edit = edits[k];
    if (!within || (edit.end >= within.start && edit.end <= within.end)) {
      result.push({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.newText });
    }
  }
  return result;
}

function countLines(gap: string): number {
  let count = 0;
  for (let i = 0; i < gap.length; i++) {
    if (gap[i] === '\n') count++;
    else if (gap[i] === '\r' && gap[i + 1] !== '\n') count++;
  }
  return count;
}

/**
 * For each token, the nearest token that renders (not a tag) reached through empty gaps, to the left
 * and to the right. An empty gap between two such tokens must stay empty: whitespace there would
 * split one rendered token (`1{{n}}`, `{{a}}{{b}}`, `1{{#if x}}5{{/if}}`). Tags render nothing, so a
 * run of adjacent tags is looked through; worked out in two passes, not per gap (10,000 adjacent
 * block tags made per-gap walks quadratic).
 */
function renderedNeighbours(tokens: readonly Token[]): { left: Int32Array; right: Int32Array } {
  const n = tokens.length;
  const left = new Int32Array(n);
  const right = new Int32Array(n);
  const adjacent = (i: number) => tokens[i].end === tokens[i + 1].start;
  for (let i = 0; i < n; i++) left[i] = tokens[i].kind === 'tag' && i > 0 && adjacent(i - 1) ? (left[i - 1] as number) : i;
  for (let i = n - 1; i >= 0; i--) right[i] = tokens[i].kind === 'tag' && i + 1 < n && adjacent(i) ? (right[i + 1] as number) : i;
  return { left, right };
}

function joinable(token: Token): boolean {
  return token.kind === 'literal' || token.kind === 'value' || token.kind === 'string';
}

function isLineComment(text: string, token: Token): boolean {
  return token.kind === 'comment' && text.startsWith('//', token.start);
}

/** A comment (JSON or Handlebars) written on the same line after a member's comma stays there. */
function isTrailingComment(a: Token, b: Token, gap: string, text: string, lineLevel: ReadonlySet<Token>): boolean {
  if (a.kind !== 'comma' || countLines(gap) > 0 || gap === '') return false;
  if (b.kind === 'comment') return true;
  return b.kind === 'tag' && b.mustache?.kind === 'comment' && !text.slice(b.start, b.end).includes('\n') && lineLevel.has(b);
}

/**
 * Blocks that render a comma or nothing (`{{#if @index}},{{/if}}`, `{{#unless @last}},{{/unless}}`):
 * each token of one but its closing tag, mapped to where the block ends.
 */
function separatorTokens(tokens: readonly Token[], blocks: readonly Block[], text: string): Map<Token, number> {
  const rendersCommaOrNothing = (block: Block) => {
    const branches = block.branches.map((branch) => text.slice(branch.start, branch.end));
    return branches.every((b) => /^\s*,?\s*$/.test(b)) && branches.some((b) => b.includes(','));
  };
  const spans = blocks
    .filter((block) => block.close && rendersCommaOrNothing(block))
    .map((block) => ({ start: block.open.start, end: block.close!.end }))
    .sort((x, y) => x.start - y.start);
  const result = new Map<Token, number>();
  let next = 0;
  for (const token of tokens) {
    while (next < spans.length && spans[next].end <= token.start) next++;
    const span = spans[next];
    if (span && token.start >= span.start && token.end < span.end) result.set(token, span.end);
  }
  return result;
}

function bracketsBalance(tokens: readonly Token[]): boolean {
  const stack: Array<'{' | '['> = [];
  for (const token of tokens) {
    if (token.kind === 'open') stack.push(token.bracket!);
    else if (token.kind === 'close' && stack.pop() !== token.bracket) return false;
  }
  return stack.length === 0;
}

/**
 * Tags that sit between members: the previous token that is not a tag is `{`, `[`, `,` (or
 * nothing), and the `{{else}}` and closing tags of a block whose open tag does. Those `{{else}}`
 * and closing tags follow their open tag only: after the comma of `{{#unless @last}},{{/unless}}`
 * the closing tag is inside a line.
 */
function lineLevelTags(tokens: readonly Token[], blocks: readonly Block[]): Set<Token> {
  const result = new Set<Token>();
  const byMustache = new Map<Mustache, Token>();
  const laterTags = new Set<Mustache>();
  for (const block of blocks) {
    for (const branch of block.branches) if (branch.elseTag) laterTags.add(branch.elseTag);
    if (block.close) laterTags.add(block.close);
  }
  let previous: Token | undefined;
  for (const token of tokens) {
    if (token.kind === 'tag' && token.mustache) {
      byMustache.set(token.mustache, token);
      if (laterTags.has(token.mustache)) continue;
      if (!previous || previous.kind === 'open' || previous.kind === 'comma') result.add(token);
    } else if (token.kind !== 'comment') previous = token;
  }
  for (const block of blocks) {
    const open = byMustache.get(block.open);
    if (!open || !result.has(open)) continue;
    for (const branch of block.branches) {
      const elseTag = branch.elseTag && byMustache.get(branch.elseTag);
      if (elseTag) result.add(elseTag);
    }
    const close = block.close && byMustache.get(block.close);
    if (close) result.add(close);
  }
  return result;
}
