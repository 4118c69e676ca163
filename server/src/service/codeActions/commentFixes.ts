/**
 * `comment`: JSON has no comments and Iterable sends the body as written (docs/regal.md §1.3), so the
 * fix deletes the comment, with its line when it is alone there. "Remove all comments" deletes
 * every comment of the file in one edit, for the guide's examples that carry several. A comment
 * that runs over a block tag (`// note {{/if}}`) keeps the tag: Handlebars reads it before JSON
 * does, and deleting it would break the template.
 */
import type { FindingOf } from '../diagnosticCodes';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { PayloadAnalysis } from '../payloadAnalysis';
import { quickFix, type FixContext, type OffsetEdit } from './fixContext';
import { lineAwareRemoval } from './textRemoval';

const BLOCK_TAGS = new Set(['blockOpen', 'inverseOpen', 'blockClose', 'else']);

export function removeCommentFix(context: FixContext<FindingOf<'comment'>>): CodeAction {
  const { text, finding, analysis } = context;
  const kind = finding.data?.kind === 'block' ? 'block comment' : 'comment';
  return quickFix(`Remove this ${kind}`, context, [context.diagnostic], commentRemoval(text, analysis, finding.start, finding.end), true);
}

/** One action for all the comment diagnostics of the request; undefined with fewer than two comments in the file. */
export function removeAllCommentsFix(context: FixContext<FindingOf<'comment'>>, diagnostics: Diagnostic[]): CodeAction | undefined {
  const { text, analysis } = context;
  const comments = analysis.findings.filter((f) => f.code === 'comment').sort((a, b) => a.start - b.start);
  if (comments.length < 2) return undefined;
  const edits: OffsetEdit[] = [];
  for (const comment of comments) {
    for (const removal of commentRemoval(text, analysis, comment.start, comment.end)) {
      const last = edits[edits.length - 1];
      // Two comments on one line may widen into each other: merge them into one deletion.
      if (last && removal.start <= last.end) last.end = Math.max(last.end, removal.end);
      else edits.push(removal);
    }
  }
  return quickFix('Remove all comments in this file', context, diagnostics, edits);
}

/**
 * The deletion of a comment: the whole line's worth, or the text around what it must keep: the
 * block tags it holds, and a mustache that reaches past either end of it (`// x {{#if⏎ a}}`).
 */
function commentRemoval(text: string, analysis: PayloadAnalysis, start: number, end: number): OffsetEdit[] {
  const kept = (analysis.index?.mustachesIn(start, end) ?? []).filter((m) => BLOCK_TAGS.has(m.kind) || m.start < start || m.end > end);
  if (kept.length === 0) return [lineAwareRemoval(text, start, end)];
  const removals: OffsetEdit[] = [];
  let from = start;
  for (const tag of kept) {
    if (tag.start > from) removals.push({ start: from, end: tag.start, newText: '' });
    from = Math.max(from, tag.end);
  }
  if (end > from) removals.push({ start: from, end, newText: '' });
  return removals;
}
