/**
 * Hover inside a mustache: dispatches to the helper, merge-field, `{{else}}` or loop-variable
 * hover for the name under the cursor.
 */
import type { Block } from '../template/blockStructure';
import type { ExpressionAnalysis, NamedSpan, TextSpan } from '../template/expressionAnalyzer';
import type { Mustache } from '../template/mustacheScanner';
import type { TemplateModel } from '../template/templateModel';
import type { WorkspaceContext } from '../workspace/workspaceContext';
import { dataVariableHover, elseHover, helperHover } from './helperHover';
import { code } from './markdown';
import { mergeFieldHover } from './mergeFieldHover';
import { mustacheIndexAt } from '../template/mustacheLookup';

export interface TemplateHover {
  markdown: string;
  start: number;
  end: number;
}

export function templateHover(
  template: TemplateModel,
  offset: number,
  workspace: WorkspaceContext,
  lineOf: (offset: number) => number,
): TemplateHover | undefined {
  const i = mustacheIndexAt(template.mustaches, offset);
  if (i === -1) return undefined;
  const m = template.mustaches[i];
  const text = template.text;
  if (m.kind === 'comment' || !m.closed) return undefined;
  if (m.kind === 'blockClose') {
    const span = trimmed(text, m.contentStart, m.contentEnd);
    const name = text.slice(span.start, span.end);
    const block = template.blocks.find((b) => b.close === m);
    const note = block ? `Closes ${code(tagText(text, block.open))} (line ${lineOf(block.open.start) + 1}).` : undefined;
    // On the braces or the slash the hover is about the whole tag: its range must hold the cursor.
    const onName = offset >= span.start && offset < span.end;
    return { markdown: helperHover(name, note), ...(onName ? span : { start: m.start, end: m.end }) };
  }
  const expression = template.expressionAt(i);
  const on = expression && spanAt(expression, offset);
  if (m.kind === 'else' && (!on || on.kind === 'none')) {
    const block = template.blocks.find((b) => b.branches.some((branch) => branch.elseTag === m));
    return { markdown: elseHover(block && tagText(text, block.open), block && lineOf(block.open.start)), start: m.start, end: m.end };
  }
  if (!expression || !on) return undefined;
  switch (on.kind) {
    case 'helper':
      return { markdown: helperHover(on.span.name), start: on.span.start, end: on.span.end };
    case 'field':
      return { markdown: fieldHover(template, i, expression, on.span, workspace), start: on.span.start, end: on.span.end };
    case 'data': {
      const markdown = dataVariableHover(on.span.name);
      return markdown ? { markdown, start: on.span.start, end: on.span.end } : undefined;
    }
    case 'none': {
      // On the braces or a sigil: describe what the mustache is about, its head.
      const head = expression.head;
      if (!head) return undefined;
      const markdown = head.isHelper ? helperHover(head.name) : fieldHover(template, i, expression, head, workspace);
      return { markdown, start: m.start, end: m.end };
    }
  }
}

type SpanAt = { kind: 'helper' | 'field' | 'data'; span: NamedSpan } | { kind: 'none' };

function spanAt(expression: ExpressionAnalysis, offset: number): SpanAt {
  const inside = (s: TextSpan) => offset >= s.start && offset < s.end;
  const helper = expression.helpers.find(inside);
  if (helper) return { kind: 'helper', span: helper };
  const field = expression.fields.find(inside);
  if (field) return { kind: 'field', span: field };
  const data = expression.args.find((a) => a.kind === 'path' && a.name.startsWith('@') && inside(a));
  if (data && data.kind === 'path') return { kind: 'data', span: data };
  return { kind: 'none' };
}

function fieldHover(template: TemplateModel, i: number, expression: ExpressionAnalysis, field: NamedSpan, workspace: WorkspaceContext): string {
  const m = template.mustaches[i];
  // The helper that receives the field: the last one named before it (the head, or a subexpression's).
  const helper = [...expression.helpers].reverse().find((h) => h.start < field.start);
  const firstArgument = expression.args[0];
  const hasFallback = helper?.name === 'defaultIfEmpty' && firstArgument?.start === field.start;
  const text = template.text;
  const wholeString = m.inString && text.charCodeAt(m.start - 1) === 0x22 && text.charCodeAt(m.end) === 0x22;
  const inKey = m.inString && isKeyString(text, m.end);
  return mergeFieldHover(
    { field: field.name, helper: helper?.name, hasFallback, inString: m.inString, wholeString, inKey, loop: enclosingLoop(template, m.start) },
    workspace,
  );
}

/**
 * The JSON string that holds `from` (a mustache end inside it) is a key: a `:` follows its closing
 * quote. Scans the rest of the line only (JSON strings are one line), stepping over escapes.
 */
function isKeyString(text: string, from: number): boolean {
  let p = from;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === 0x0a || c === 0x0d) return false;
    if (c === 0x5c)
      p += 2; // an escape: `\"` does not end the string
    else if (c === 0x22) break;
    else p++;
  }
  p++;
  while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
  return text.charCodeAt(p) === 0x3a;
}

/** The list of the innermost `{{#each list}}` around an offset. */
function enclosingLoop(template: TemplateModel, offset: number): string | undefined {
  let loop: Block | undefined;
  for (const block of template.blocks) {
    if (block.name === 'each' && block.open.end <= offset && (block.close?.start ?? template.text.length) >= offset) loop = block;
  }
  if (!loop) return undefined;
  const content = template.text.slice(loop.open.contentStart, loop.open.contentEnd).trim();
  return content.replace(/^each\s+/, '');
}

function trimmed(text: string, start: number, end: number): TextSpan {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

function tagText(text: string, m: Mustache): string {
  const tag = text.slice(m.start, m.end);
  return tag.length > 60 ? `${tag.slice(0, 59)}…` : tag;
}
