// PLACEHOLDER (issue 3, workspace helper replaces this file).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PayloadAnalysis } from '../payloadAnalysis';
import type { PayloadFileSummary } from './workspaceContext';

export function summarizePayload(document: TextDocument, _analysis: PayloadAnalysis): PayloadFileSummary {
  return { uri: document.uri, mergeFields: new Map(), eventNames: [], valueTypes: new Map() };
}
