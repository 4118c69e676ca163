/**
 * Folding for payload templates: objects and arrays (in every branch of every block, since the
 * brackets are read from the template, not from one rendered view), block helpers branch by
 * branch (`{{#if}}` … `{{else}}` … `{{/if}}`), and comments that span lines.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TemplateModel } from '../template/templateModel';
import { SLICE_ITEMS, type Steps } from '../util/steps';
import { tokenize } from './templateTokens';

/** In steps (util/steps.ts): a slice of tokens, then of blocks, at a time. */
export function* foldingRanges(document: TextDocument, template: TemplateModel): Steps<FoldingRange[]> {
  const lineOf = (offset: number) => document.positionAt(offset).line;
  const ranges: FoldingRange[] = [];
  // The closing line stays visible, as in VS Code's JSON folding: fold up to the line before it.
  const addUpTo = (start: number, closingLine: number, kind?: FoldingRangeKind) => {
    const startLine = lineOf(start);
    if (closingLine - 1 > startLine) ranges.push(kind ? { startLine, endLine: closingLine - 1, kind } : { startLine, endLine: closingLine - 1 });
  };

  const { tokens } = tokenize(template.text, template.mustaches);
  const open: Array<{ bracket: '{' | '['; start: number }> = [];
  yield;
  let count = 0;
  for (const token of tokens) {
    if (++count % SLICE_ITEMS === 0) yield;
    if (token.kind === 'open') open.push({ bracket: token.bracket!, start: token.start });
    else if (token.kind === 'close') {
      // Unbalanced brackets (a syntax error, or brackets split across branches): pair with the nearest match.
      let match = open.length - 1;
      while (match >= 0 && open[match].bracket !== token.bracket) match--;
      if (match === -1) continue;
      const [opener] = open.splice(match);
      addUpTo(opener.start, lineOf(token.start));
    } else if (token.kind === 'comment' || (token.kind === 'tag' && token.mustache?.kind === 'comment')) {
      const startLine = lineOf(token.start);
      const endLine = lineOf(token.end);
      if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Comment });
    }
  }

  for (const block of template.blocks) {
    if (++count % SLICE_ITEMS === 0) yield;
    if (!block.close) continue;
    const tags = [block.open, ...block.branches.flatMap((b) => (b.elseTag ? [b.elseTag] : [])), block.close];
    for (let i = 0; i + 1 < tags.length; i++) addUpTo(tags[i].start, lineOf(tags[i + 1].start), FoldingRangeKind.Region);
  }
  // One range per start line (the editor keeps one anyway): the outermost, which ends last.
  const byLine = new Map<number, FoldingRange>();
  for (const range of ranges) {
    const known = byLine.get(range.startLine);
    if (!known || range.endLine > known.endLine) byLine.set(range.startLine, range);
  }
  return [...byLine.values()].sort((a, b) => a.startLine - b.startLine);
}
