/**
 * `comment`: JSON has no comments and Iterable sends the body as written (domain.md §1.3), so the
 * fix deletes the comment, with its line when it is alone there. "Remove all comments" deletes
 * every comment of the file in one edit, for the guide's examples that carry several.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { quickFix, type FixContext, type OffsetEdit } from './fixContext';
import { lineAwareRemoval } from './textRemoval';

export function removeCommentFix(context: FixContext): CodeAction {
  const { text, finding } = context;
  const kind = finding.data?.kind === 'block' ? 'block comment' : 'comment';
  return quickFix(`Remove this ${kind}`, context, [context.diagnostic], [lineAwareRemoval(text, finding.start, finding.end)], true);
}

/** One action for all the comment diagnostics of the request; undefined with fewer than two comments in the file. */
export function removeAllCommentsFix(context: FixContext, diagnostics: Diagnostic[]): CodeAction | undefined {
  const { text, analysis } = context;
  const comments = analysis.findings.filter((f) => f.code === 'comment').sort((a, b) => a.start - b.start);
  if (comments.length < 2) return undefined;
  const edits: OffsetEdit[] = [];
  for (const comment of comments) {
    const removal = lineAwareRemoval(text, comment.start, comment.end);
    const last = edits[edits.length - 1];
    // Two comments on one line may widen into each other: merge them into one deletion.
    if (last && removal.start <= last.end) last.end = Math.max(last.end, removal.end);
    else edits.push(removal);
  }
  return quickFix('Remove all comments in this file', context, diagnostics, edits);
}
