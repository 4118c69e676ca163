/**
 * The payload a command applies to when it is given none: the active editor's, and when the active
 * editor is not a text editor (the Getting Started walkthrough, a webview) a payload visible in another
 * editor group. A rendered preview stands for its payload.
 */
import * as vscode from 'vscode';
import { PAYLOAD_LANGUAGE_ID } from '../../../server/src/protocol/contract';
import { PREVIEW_SCHEME } from '../preview/previewScheme';

export function currentPayloadUri(): vscode.Uri | undefined {
  const candidates = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].map((editor) => editor?.document);
  for (const document of candidates) {
    if (!document) continue;
    if (document.uri.scheme === PREVIEW_SCHEME) return vscode.Uri.parse(document.uri.query, true);
    if (document.languageId === PAYLOAD_LANGUAGE_ID) return document.uri;
  }
  return undefined;
}
