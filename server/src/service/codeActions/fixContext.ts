/**
 * What every quick-fix family receives, and the small builders they share. A fix works from the
 * current analysis and from the finding the diagnostic still matches (same code, same range), never
 * from the diagnostic's message: the message is for people and may change.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../diagnosticCodes';
import type { PayloadAnalysis } from '../payloadAnalysis';
import type { WorkspaceContext } from '../workspace/workspaceContext';

export interface FixContext<F = Finding> {
  document: TextDocument;
  /** The document text (the template, whose offsets every view shares). */
  text: string;
  analysis: PayloadAnalysis;
  workspace: WorkspaceContext;
  /** The diagnostic as the client sent it back. */
  diagnostic: Diagnostic;
  /** The current finding the diagnostic matches; its `data` is what the fix reads. */
  finding: F;
}

/** A replacement in document offsets; turned into a TextEdit by `quickFix`. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export function replace(start: number, end: number, newText: string): OffsetEdit {
  return { start, end, newText };
}

export function quickFix(
  title: string,
  context: Pick<FixContext, 'document'>,
  diagnostics: Diagnostic[],
  edits: readonly OffsetEdit[],
  isPreferred = false,
): CodeAction {
  const { document } = context;
  const textEdits: TextEdit[] = [...edits]
    .sort((a, b) => a.start - b.start)
    .map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, edit: { changes: { [document.uri]: textEdits } } };
  if (diagnostics.length > 0) action.diagnostics = diagnostics;
  if (isPreferred) action.isPreferred = true;
  return action;
}

/** A string field of the finding's data, if it is one. */
export function stringData(finding: { data?: object }, key: string): string | undefined {
  const value = (finding.data as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function stringListData(finding: { data?: object }, key: string): string[] {
  const value = (finding.data as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The data path (`['traits', 'optIn', 0]`) of the finding, if it has a well-formed one. */
export function pathData(finding: { data?: object }): Array<string | number> | undefined {
  const value = (finding.data as { path?: unknown } | undefined)?.path;
  if (!Array.isArray(value)) return undefined;
  return value.every((s) => typeof s === 'string' || typeof s === 'number') ? (value as Array<string | number>) : undefined;
}

/** Backticks in titles are shown verbatim by VS Code; they mark code the way the diagnostics do. */
export function code(text: string): string {
  return `\`${text}\``;
}
