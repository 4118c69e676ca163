/**
 * `Regal: New Payload…` (regal.newPayload): pick one of the payload snippets (the three workflows
 * of Regal's Iterable guide, the current `traits.phones` shape first), name the file (default
 * `<workflow>.regal.json` in the workspace folder, or the first free `<workflow>-2.regal.json`, …),
 * and get it created on disk and opened with the snippet inserted, its first tab stop selected, and
 * saved. Without a workspace folder it opens an untitled `regal-webhook` document instead.
 *
 * Scriptable: `executeCommand('regal.newPayload', 'Create contact')` (a snippet name or prefix)
 * skips the quick pick; a second argument, a file name (workspace-relative or absolute; `.regal.json`
 * is appended when missing), skips the file name box. Resolves with the new document's URI, or
 * undefined when nothing was created.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { freePayloadFileName, withPayloadExtension } from './payloadFileName';
import { PAYLOAD_SNIPPETS_PATH, findPayloadSnippet, parsePayloadSnippets, payloadPickItems, workflowSlug, type PayloadSnippet } from './payloadSnippets';
import { PAYLOAD_LANGUAGE_ID } from '../../../server/src/protocol/contract';

export const NEW_PAYLOAD_COMMAND = 'regal.newPayload';

export function registerNewPayloadCommand(context: vscode.ExtensionContext): vscode.Disposable {
  // Menus pass a URI or nothing; only a string names a snippet (and a file).
  return vscode.commands.registerCommand(NEW_PAYLOAD_COMMAND, (name?: unknown, fileName?: unknown) =>
    newPayload(context.extensionUri, typeof name === 'string' ? name : undefined, typeof fileName === 'string' ? fileName : undefined),
  );
}

async function newPayload(extensionUri: vscode.Uri, name: string | undefined, fileName: string | undefined): Promise<vscode.Uri | undefined> {
  const snippets = await readPayloadSnippets(extensionUri);
  const snippet = name === undefined ? await pickSnippet(snippets) : findPayloadSnippet(snippets, name);
  if (!snippet) {
    if (name !== undefined) {
      void vscode.window.showErrorMessage(`Regal: no payload snippet called "${name}". Available: ${snippets.map((s) => `"${s.name}"`).join(', ')}.`);
    }
    return undefined;
  }
  const folder = targetFolder();
  if (!folder && (fileName === undefined || !path.isAbsolute(fileName))) return insertInto(await vscode.workspace.openTextDocument({ language: PAYLOAD_LANGUAGE_ID, content: '' }), snippet);

  const target = fileName === undefined ? await askForFile(folder as vscode.WorkspaceFolder, snippet) : await namedFile(folder, fileName);
  if (!target) return undefined;
  // A new, empty file: the snippet goes in through the editor, so its tab stops work, then it is saved.
  await vscode.workspace.fs.writeFile(target, new Uint8Array());
  const document = await vscode.workspace.openTextDocument(target);
  const uri = await insertInto(document.languageId === PAYLOAD_LANGUAGE_ID ? document : await vscode.languages.setTextDocumentLanguage(document, PAYLOAD_LANGUAGE_ID), snippet);
  await document.save();
  return uri;
}

async function insertInto(document: vscode.TextDocument, snippet: PayloadSnippet): Promise<vscode.Uri> {
  const editor = await vscode.window.showTextDocument(document);
  const inserted = await editor.insertSnippet(new vscode.SnippetString(snippet.body), new vscode.Position(0, 0));
  if (!inserted) throw new Error(`Regal: could not insert the "${snippet.name}" snippet.`);
  return document.uri;
}

/** The folder new payloads go to: the active editor's workspace folder, else the first one. */
function targetFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function resolveIn(folder: vscode.WorkspaceFolder | undefined, name: string): vscode.Uri | undefined {
  if (path.isAbsolute(name)) return vscode.Uri.file(name);
  return folder ? vscode.Uri.joinPath(folder.uri, ...name.split(/[\\/]+/).filter(Boolean)) : undefined;
}

/** The file a script named: never one that exists (an existing payload is not overwritten). */
async function namedFile(folder: vscode.WorkspaceFolder | undefined, typed: string): Promise<vscode.Uri | undefined> {
  const name = withPayloadExtension(typed);
  const target = name === undefined ? undefined : resolveIn(folder, name);
  if (!target) {
    void vscode.window.showErrorMessage(`Regal: "${typed}" is not a file name for a new payload.`);
    return undefined;
  }
  if (await exists(target)) {
    void vscode.window.showErrorMessage(`Regal: ${vscode.workspace.asRelativePath(target, false)} already exists; choose another name for the new payload.`);
    return undefined;
  }
  return target;
}

async function askForFile(folder: vscode.WorkspaceFolder, snippet: PayloadSnippet): Promise<vscode.Uri | undefined> {
  const suggested = await freePayloadFileName(workflowSlug(snippet), (name) => exists(vscode.Uri.joinPath(folder.uri, name)));
  const typed = await vscode.window.showInputBox({
    title: `Regal: New Payload — ${snippet.name}`,
    prompt: `File name, relative to ${folder.name} (.regal.json is added when missing)`,
    value: suggested,
    valueSelection: [0, suggested.length - '.regal.json'.length],
    validateInput: async (value) => {
      const name = withPayloadExtension(value);
      const target = name === undefined ? undefined : resolveIn(folder, name);
      if (!target) return 'Type a file name, e.g. send-event.regal.json';
      return (await exists(target)) ? `${name} already exists` : undefined;
    },
  });
  if (typed === undefined) return undefined;
  return namedFile(folder, typed);
}

async function readPayloadSnippets(extensionUri: vscode.Uri): Promise<PayloadSnippet[]> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, PAYLOAD_SNIPPETS_PATH));
  return parsePayloadSnippets(new TextDecoder().decode(bytes));
}

async function pickSnippet(snippets: readonly PayloadSnippet[]): Promise<PayloadSnippet | undefined> {
  const picked = await vscode.window.showQuickPick(payloadPickItems(snippets), {
    title: 'Regal: New Payload',
    placeHolder: 'Which payload? (Regal events API, sent by an Iterable journey webhook)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.snippet;
}
