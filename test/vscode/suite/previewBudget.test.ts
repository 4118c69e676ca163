/**
 * The preview's render budget in a real VS Code: the 310-byte payload of 14 nested `replace`
 * calls (which used to crash the extension host) shows "Rendering stopped: …" in the preview header,
 * and the editor keeps answering: hover and completion on the payload resolve after it, and the
 * preview renders the next edit. Every wait is on a VS Code event, bounded by a timeout.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../support/waiting';

const PREVIEW_SCHEME = 'regal-preview';

/** `{{replace (replace … 'a' 'a' 'aaaaaaaaaa') …}}`, 14 calls deep: 10^14 a's if nothing stopped it. */
function nestedReplace(depth: number): string {
  let expression = "'a'";
  for (let i = 0; i < depth; i++) expression = `(replace ${expression} 'a' 'aaaaaaaaaa')`;
  return `{"userId": "{{userId}}", "name": "{{${expression.slice(1, -1)}}}"}\n`;
}

function previewText(document: vscode.TextDocument, accept: (text: string) => boolean, what: string): Promise<string> {
  return waitFor(
    vscode.workspace.onDidChangeTextDocument,
    () => (accept(document.getText()) ? document.getText() : undefined),
    () => `${what}; now: ${JSON.stringify(document.getText().slice(0, 400))}`,
  );
}

describe('Regal preview budget', () => {
  let payload: vscode.TextDocument;
  let preview: vscode.TextDocument;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    const uri = vscode.Uri.joinPath(folder.uri, 'nested-replace.regal.json');
    const text = nestedReplace(14);
    assert.ok(text.length < 500, `a few hundred bytes (${text.length})`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    payload = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(payload, vscode.ViewColumn.One);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (payload) await vscode.workspace.fs.delete(payload.uri);
  });

  // The output budget's reason says the render was stopped by its size, not by the time limit; waitFor's timeout is the hang guard.
  it('shows "Rendering stopped" in the preview header instead of freezing or crashing', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('regal.previewRenderedPayload');
    assert.ok(uri && uri.scheme === PREVIEW_SCHEME);
    preview = await vscode.workspace.openTextDocument(uri);
    const text = await previewText(preview, (t) => t.includes('Rendering stopped'), 'the stopped header');
    const lines = text.split('\n');
    assert.equal(lines[0], '// Rendered nested-replace.regal.json with sample data from regal.sample.json.');
    assert.match(lines[1] ?? '', /^\/\/ Rendering stopped: the output grew past 1,000,000 characters\. .*Nothing rendered for nested-replace\.regal\.json/);
    assert.ok(
      lines.slice(2).every((line) => line === ''),
      'no partial body',
    );
  });

  it('the editor still answers: hover and completion on the payload resolve', async () => {
    const offset = payload.getText().indexOf('userId');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', payload.uri, payload.positionAt(offset + 2));
    assert.ok(hovers.length > 0, 'a hover on "userId"');
    const inMustache = payload.getText().indexOf('{{userId}}') + 2;
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      payload.uri,
      payload.positionAt(inMustache),
    );
    assert.ok(completions.items.length > 0, 'merge-field completions');
  });

  it('renders the next edit normally', async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      payload.uri,
      new vscode.Range(payload.positionAt(0), payload.positionAt(payload.getText().length)),
      '{"userId": "{{userId}}", "name": "{{replace \'abc\' \'b\' \'x\'}}"}\n',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    const text = await previewText(preview, (t) => t.includes('"axc"'), 'the rendered edit');
    assert.ok(!text.includes('Rendering stopped'));
    assert.deepEqual(
      JSON.parse(
        text
          .split('\n')
          .filter((l) => !l.startsWith('//'))
          .join('\n'),
      ),
      { userId: 'user-1815', name: 'axc' },
    );
    await payload.save();
  });
});
