/**
 * The README's screenshots, each a state reached through VS Code's API and captured by the runner
 * once a CSS selector proves the workbench shows it (no sleeps). The send screenshot posts to a
 * loopback server standing in for Regal, with a throwaway key.
 */
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { shot } from './runner';

function waitForRegalDiagnostics(uri: vscode.Uri): Promise<void> {
  return new Promise((resolve) => {
    const has = () => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'regal');
    if (has()) return resolve();
    const subscription = vscode.languages.onDidChangeDiagnostics(() => {
      if (!has()) return;
      subscription.dispose();
      resolve();
    });
  });
}

async function open(folder: vscode.Uri, relative: string, cursor?: vscode.Position): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, relative), { viewColumn: vscode.ViewColumn.One });
  if (cursor) editor.selection = new vscode.Selection(cursor, cursor);
  return editor;
}

export async function takeReadmeScreenshots(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('The screenshot run needs the fixture workspace.');
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  await vscode.commands.executeCommand('workbench.action.closeSidebar');

  // 1. Diagnostics: Regal's own guide example, with its comment and quoted boolean.
  const contact = await open(folder, 'contact.regal.json');
  await waitForRegalDiagnostics(contact.document.uri);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await shot('diagnostics', '.markers-panel .monaco-list-row');
  await vscode.commands.executeCommand('workbench.action.closePanel');

  // 2. The quick fixes for the quoted boolean, and the hover on a merge field.
  const quoted = contact.document.getText().indexOf('"{{voice_optin}}"') + 3;
  contact.selection = new vscode.Selection(contact.document.positionAt(quoted), contact.document.positionAt(quoted));
  await vscode.commands.executeCommand('editor.action.quickFix');
  await shot('quick-fix', '.action-widget .monaco-list-row');
  await vscode.commands.executeCommand('hideCodeActionWidget');
  const field = contact.document.getText().indexOf('phoneNumber') + 2;
  contact.selection = new vscode.Selection(contact.document.positionAt(field), contact.document.positionAt(field));
  await vscode.commands.executeCommand('editor.action.showHover');
  await shot('hover', '.monaco-hover .hover-contents');

  // 3. Completion of a trait key inside `traits`.
  const preview = await open(folder, 'preview.regal.json');
  const line = preview.document.lineAt(3);
  await preview.edit((edit) => edit.insert(line.range.end, '\n    "'));
  preview.selection = new vscode.Selection(4, 5, 4, 5);
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
  await shot('completion', '.suggest-widget.visible .monaco-list-row');
  await vscode.commands.executeCommand('hideSuggestWidget');
  await vscode.commands.executeCommand('undo');

  // 4. The payload rendered with regal.sample.json beside the editor.
  await vscode.commands.executeCommand('regal.previewRenderedPayload');
  await shot('preview', '.editor-group-container:not(.empty) + .monaco-sash, .split-view-view:nth-child(2) .editor-group-container .view-lines');

  // 5. A test event sent to a stand-in for Regal on loopback.
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success","message":"event received"}'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const settings = vscode.workspace.getConfiguration('regal');
  try {
    await settings.update('endpoint', `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, vscode.ConfigurationTarget.Global);
    await settings.update('send.confirm', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('regal.setApiKey', 'screenshot-key-not-a-real-one');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    await open(folder, 'send/send-event.regal.json');
    const result = await vscode.commands.executeCommand<{ outcome: string; message: string }>('regal.sendTestEvent');
    if (result?.outcome !== 'sent') throw new Error(`The screenshot send failed: ${JSON.stringify(result)}`);
    // The message toast is not guaranteed to stay up; the notification list shows it for sure.
    await vscode.commands.executeCommand('notifications.showList');
    // VS Code keeps a finished progress notification up for a moment: wait until it is gone.
    await shot('send-result', '.notifications-center .notification-list-item', '.notifications-center :text("Sending test event")');
  } finally {
    await settings.update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await settings.update('send.confirm', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('regal.clearApiKey');
    server.close();
  }
}
