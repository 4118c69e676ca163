/**
 * `Regal: New Payload…` (regal.newPayload): pick one of the payload snippets (the three workflows
 * of Regal's Iterable guide, legacy and `traits.phones` shapes), get a new untitled `regal-webhook`
 * document with it inserted and its first tab stop selected.
 *
 * Scriptable: `executeCommand('regal.newPayload', 'Create contact')` (a snippet name or prefix)
 * skips the quick pick. Resolves with the new document's URI, or undefined when nothing was created.
 */
import * as vscode from 'vscode';
import { PAYLOAD_SNIPPETS_PATH, findPayloadSnippet, parsePayloadSnippets, type PayloadSnippet } from './payloadSnippets';

export const NEW_PAYLOAD_COMMAND = 'regal.newPayload';

export function registerNewPayloadCommand(context: vscode.ExtensionContext): vscode.Disposable {
  // Menus pass a URI or nothing; only a string names a snippet.
  return vscode.commands.registerCommand(NEW_PAYLOAD_COMMAND, (name?: unknown) =>
    newPayload(context.extensionUri, typeof name === 'string' ? name : undefined),
  );
}

async function newPayload(extensionUri: vscode.Uri, name: string | undefined): Promise<vscode.Uri | undefined> {
  const snippets = await readPayloadSnippets(extensionUri);
  const snippet = name === undefined ? await pickSnippet(snippets) : findPayloadSnippet(snippets, name);
  if (!snippet) {
    if (name !== undefined) {
      void vscode.window.showErrorMessage(`Regal: no payload snippet called "${name}". Available: ${snippets.map((s) => `"${s.name}"`).join(', ')}.`);
    }
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'regal-webhook', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  const inserted = await editor.insertSnippet(new vscode.SnippetString(snippet.body), new vscode.Position(0, 0));
  if (!inserted) throw new Error(`Regal: could not insert the "${snippet.name}" snippet.`);
  return document.uri;
}

async function readPayloadSnippets(extensionUri: vscode.Uri): Promise<PayloadSnippet[]> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, PAYLOAD_SNIPPETS_PATH));
  return parsePayloadSnippets(new TextDecoder().decode(bytes));
}

async function pickSnippet(snippets: readonly PayloadSnippet[]): Promise<PayloadSnippet | undefined> {
  const picked = await vscode.window.showQuickPick(
    snippets.map((snippet) => ({ label: snippet.name, description: snippet.prefix, detail: snippet.description, snippet })),
    { title: 'Regal: New Payload', placeHolder: 'Which payload? (Regal events API, sent by an Iterable journey webhook)', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.snippet;
}
