/**
 * The extension in a real VS Code: it activates on a payload file, and the language server's
 * diagnostics reach the editor, follow edits and follow the severity setting. Every wait is on a
 * VS Code event (onDidChangeDiagnostics), bounded by a timeout.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitForDiagnostics } from '../support/waiting';

const EXTENSION_ID = 'regal-webhook-tools.regal-webhook';

const codes = (diagnostics: vscode.Diagnostic[]) => diagnostics.map((d) => String(d.code));

describe('Regal webhook extension in VS Code', () => {
  let uri: vscode.Uri;
  let document: vscode.TextDocument;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    uri = vscode.Uri.joinPath(folder.uri, 'contact.regal.json');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('regal').update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Global);
  });

  it('gives *.regal.json files the regal-webhook language', async () => {
    console.log(`VS Code ${vscode.version} (${vscode.env.appName})`);
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'regal-webhook');
  });

  it("activates on its own and shows the language server's diagnostics at the exact ranges", async () => {
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length > 0, 'the first diagnostics');
    // Nothing called activate(): opening the payload did.
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.deepEqual(codes(diagnostics).sort(), ['comment', 'quoted-boolean']);
    const comment = diagnostics.find((d) => d.code === 'comment') as vscode.Diagnostic;
    assert.equal(document.getText(comment.range), '//this is optional');
    assert.equal(comment.severity, vscode.DiagnosticSeverity.Error);
    const quoted = diagnostics.find((d) => d.code === 'quoted-boolean') as vscode.Diagnostic;
    assert.equal(document.getText(quoted.range), '"{{voice_optin}}"');
    assert.equal(quoted.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('updates the diagnostics as the payload is edited', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const text = document.getText();
    const start = text.indexOf(' //this is optional');
    const removed = await editor.edit((edit) =>
      edit.delete(new vscode.Range(document.positionAt(start), document.positionAt(start + ' //this is optional'.length))),
    );
    assert.ok(removed, 'the edit applied');
    const diagnostics = await waitForDiagnostics(uri, (d) => !codes(d).includes('comment'), 'the comment diagnostic to go');
    assert.deepEqual(codes(diagnostics), ['quoted-boolean']);
  });

  it('follows the regal.diagnostics.severity setting', async () => {
    await vscode.workspace.getConfiguration('regal').update('diagnostics.severity', { 'quoted-boolean': 'error' }, vscode.ConfigurationTarget.Global);
    const raised = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => x.code === 'quoted-boolean' && x.severity === vscode.DiagnosticSeverity.Error),
      'quoted-boolean as an error',
    );
    assert.equal(raised.length, 1);
    await vscode.workspace.getConfiguration('regal').update('diagnostics.severity', { 'quoted-boolean': 'off' }, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(uri, (d) => d.length === 0, 'quoted-boolean turned off');
  });
});
