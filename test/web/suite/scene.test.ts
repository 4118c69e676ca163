/**
 * Runs last: leaves the window as the runner's `--screenshot` captures it (docs/screenshots/
 * web-extension.png): a payload with its diagnostics beside its rendered preview, in VS Code for the Web.
 */
import * as vscode from 'vscode';
import { waitForDiagnostics } from '../../vscode/support/waiting';
import { ok } from './assertions';

describe('Web extension: screenshot scene', () => {
  it('shows a payload with its diagnostics beside its preview', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    ok(folder, 'the test workspace is open');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const uri = vscode.Uri.joinPath(folder.uri, 'contact.regal.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
    await waitForDiagnostics(uri, (d) => d.length > 0, 'the payload diagnostics');
    const preview = await vscode.commands.executeCommand<vscode.Uri>('regal.previewRenderedPayload');
    ok(preview, 'the preview opened');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  });
});
