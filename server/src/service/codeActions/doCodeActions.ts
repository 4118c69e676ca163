// PLACEHOLDER (issue 3, quick-fix helper replaces this file).
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PayloadAnalysis } from '../payloadAnalysis';
import type { WorkspaceContext } from '../workspace/workspaceContext';

export function doCodeActions(_document: TextDocument, _range: Range, _diagnostics: readonly Diagnostic[], _analysis: PayloadAnalysis, _workspace: WorkspaceContext): CodeAction[] {
  return [];
}
