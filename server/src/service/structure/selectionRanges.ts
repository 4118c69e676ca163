/**
 * Smart selection: from the cursor outwards through the name in a mustache, the mustache's
 * expression, the mustache, the JSON string's content and the string, the value (with the blocks
 * it is written with), the block branch and block, the property, the object, … up to the whole
 * document. Candidates from the template and from the JSON tree are collected together and
 * chained by size, keeping only ranges that strictly contain the previous one.
 */
import type { Position, SelectionRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeAtOffset, type Node } from '../json/jsonTree';
import type { PayloadAnalysis } from '../payloadAnalysis';
import { blockEnd, innermostBlockAt } from '../template/blockStructure';
import type { TextSpan } from '../template/expressionAnalyzer';
import { templateExtent } from './templateExtent';
import { mustacheIndexAt } from '../template/mustacheLookup';
import type { Steps } from '../util/steps';

/** In steps (util/steps.ts): one position at a time (a client may send many). */
export function* selectionRanges(document: TextDocument, positions: readonly Position[], analysis: PayloadAnalysis): Steps<SelectionRange[]> {
  const text = analysis.template.text;
  const extent = analysis.index && templateExtent(analysis.template, analysis.index);
  const result: SelectionRange[] = [];
  for (const position of positions) {
    yield;
    const offset = document.offsetAt(position);
    const spans: TextSpan[] = [{ start: 0, end: text.length }];
    templateSpans(analysis, offset, spans);
    if (analysis.root && extent) jsonSpans(analysis.root, offset, text, extent.endOf, spans);
    result.push(chain(document, offset, spans));
  }
  return result;
}

function templateSpans(analysis: PayloadAnalysis, offset: number, spans: TextSpan[]): void {
  const { template } = analysis;
  const text = template.text;
  const mustaches = template.mustaches;
  // The mustache around the offset, a cursor just after it included.
  const index = mustacheIndexAt(mustaches, offset, true);
  if (index !== -1) {
    const m = mustaches[index];
    spans.push({ start: m.start, end: m.end }, trim(text, m.contentStart, m.contentEnd));
    const expression = template.expressionAt(index);
    if (expression) for (const span of [...expression.helpers, ...expression.fields, ...expression.args]) spans.push(span);
  }
  for (let block = innermostBlockAt(template.blocks, offset); block; block = block.parent) {
    spans.push({ start: block.open.start, end: blockEnd(block) });
    const branch = block.branches.find((b) => offset >= b.start && offset <= b.end);
    if (branch) spans.push(trim(text, branch.start, branch.end));
  }
}

function jsonSpans(root: Node, offset: number, text: string, endOf: (node: Node) => number, spans: TextSpan[]): void {
  // A cursor right after a token (`"a": 1|,`) selects that token, as in VS Code's JSON.
  const node = nodeAtOffset(root, offset) ?? (offset > 0 ? nodeAtOffset(root, offset - 1) : undefined);
  for (let current = node; current; current = current.parent) {
    const end = Math.max(current.offset + current.length, endOf(current));
    spans.push({ start: current.offset, end });
    if (current.type === 'string' && current.length >= 2 && text[current.offset] === '"' && text[current.offset + current.length - 1] === '"') {
      spans.push({ start: current.offset + 1, end: current.offset + current.length - 1 });
    }
  }
}

function chain(document: TextDocument, offset: number, spans: TextSpan[]): SelectionRange {
  const candidates = spans
    .filter((s) => s.start <= offset && offset <= s.end && s.end > s.start)
    .sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start);
  const kept: TextSpan[] = [];
  for (const span of candidates) {
    const inner = kept[kept.length - 1];
    if (!inner || (span.start <= inner.start && span.end >= inner.end && span.end - span.start > inner.end - inner.start)) kept.push(span);
  }
  let result: SelectionRange | undefined;
  for (let i = kept.length - 1; i >= 0; i--) {
    result = { range: { start: document.positionAt(kept[i].start), end: document.positionAt(kept[i].end) }, parent: result };
  }
  const at = document.positionAt(offset);
  return result ?? { range: { start: at, end: at } };
}

function trim(text: string, start: number, end: number): TextSpan {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
