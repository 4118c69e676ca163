// PLACEHOLDER (issue 3, completion helper replaces this file).
import type { CompletionList, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PayloadAnalysis } from '../payloadAnalysis';
import type { SchemaValidator } from '../schema/schemaValidator';
import type { WorkspaceContext } from '../workspace/workspaceContext';

export function doComplete(_document: TextDocument, _position: Position, _analysis: PayloadAnalysis, _schema: SchemaValidator, _workspace: WorkspaceContext): CompletionList {
  return { isIncomplete: false, items: [] };
}
