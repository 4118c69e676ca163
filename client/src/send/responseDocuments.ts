/**
 * Read-only virtual documents (`regal-response:`) for Regal's answers and for payloads reopened from
 * the history. A TextDocumentContentProvider's documents cannot be edited or saved, and closing
 * them never asks to save. Contents are kept in memory for the last few documents only.
 */
import * as vscode from 'vscode';

export const RESPONSE_SCHEME = 'regal-response';
const KEPT = 50;

export class ResponseDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private counter = 0;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? 'This response is no longer available; reopen it from "Regal: Show Send History".';
  }

  /**
   * Opens `content` as a new read-only document titled `title`. `jsonc` lets the `//` header lines
   * sit above a JSON body without being flagged.
   */
  async open(title: string, content: string, language: 'jsonc' | 'json' | 'plaintext'): Promise<vscode.Uri> {
    this.counter += 1;
    const uri = vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${this.counter}/${title}` });
    this.contents.set(uri.toString(), content);
    for (const key of this.contents.keys()) {
      if (this.contents.size <= KEPT) break;
      this.contents.delete(key);
    }
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, language);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
