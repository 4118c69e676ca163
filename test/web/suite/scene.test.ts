/**
 * Runs last: arranges the window as the runner's `--screenshot` captures it (docs/screenshots/
 * web-extension.png), a payload with its diagnostics beside its rendered preview in VS Code for the
 * Web, then asks the runner for the capture (`/screenshot` on its loopback server, answered once the
 * PNG is written; without `--screenshot` it answers at once).
 */
import * as vscode from 'vscode';
import { codeOf, waitFor, waitForDiagnostics } from '../../vscode/support/waiting';
import { ok } from './assertions';

describe('Web extension: screenshot scene', () => {
  it('shows a payload with its diagnostics and a hover beside its preview', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    ok(folder, 'the test workspace is open');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Its own payload: the other suites edit theirs (and VS Code for the Web saves edits by itself).
    const uri = vscode.Uri.joinPath(folder.uri, 'plan-chosen.regal.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
    await waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'comment') && d.some((x) => codeOf(x) === 'unknown-merge-field'),
      'the payload diagnostics',
    );
    const preview = await vscode.commands.executeCommand<vscode.Uri>('regal.previewRenderedPayload');
    ok(preview, 'the preview opened');
    const previewDocument = await vscode.workspace.openTextDocument(preview);
    await waitFor(vscode.workspace.onDidChangeTextDocument, () => (previewDocument.getText().includes('"Ada"') ? true : undefined), 'the rendered preview');
    // The hover on the misspelt merge field: its diagnostic and what the catalog says.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
    const editor = vscode.window.activeTextEditor;
    ok(editor?.document.uri.toString() === uri.toString(), 'the payload is the active editor');
    const line = editor.document.lineAt(8).text;
    const at = new vscode.Position(8, line.indexOf('web_plann') + 4);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('editor.action.showHover');
    const { screenshot } = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'web-test-endpoints.json'))),
    ) as { screenshot: string };
    const answer = await fetch(screenshot);
    ok(answer.ok, `the runner took the screenshot (${answer.status})`);
  });
});
