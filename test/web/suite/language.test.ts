/**
 * The language server in a web worker, as vscode.dev and github.dev run it: diagnostics, completion,
 * hover and a quick fix through vscode-languageclient/browser, with the merge-field catalog and the
 * other payload file read through the client (`vscode.workspace.fs`, `findFiles`), since the worker
 * has no file system. The workspace is test/web/fixtures/workspace, mounted by @vscode/test-web as
 * `vscode-test-web://mount/`. Every wait is on a VS Code event, bounded by a timeout.
 */
import * as vscode from 'vscode';
import { codeOf, waitForDiagnostics } from '../../vscode/support/waiting';
import { equal, match, ok } from './assertions';

export const EXTENSION_ID = 'regal-webhook-tools.regal-webhook';

const having =
  (...codes: string[]) =>
  (d: vscode.Diagnostic[]) =>
    codes.every((code) => d.some((x) => codeOf(x) === code));
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('Web extension: language server in a web worker', () => {
  let folder: vscode.WorkspaceFolder;
  let contact: vscode.Uri;

  before(async () => {
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    ok(workspaceFolder, 'the test workspace is open');
    folder = workspaceFolder;
    contact = vscode.Uri.joinPath(folder.uri, 'contact.regal.json');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    ok(extension, 'the extension is installed');
    await extension.activate();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(contact));
  });

  it('runs the extension from its browser entry in the web extension host', () => {
    equal(vscode.env.uiKind, vscode.UIKind.Web);
    equal(folder.uri.scheme, 'vscode-test-web', 'a workspace on a virtual file system, as in vscode.dev');
  });

  it('reports diagnostics, including those that need the catalog and the other payload file', async () => {
    // comment: the document alone; unknown-merge-field: the catalog, read through the client;
    // inconsistent-type: team.regal.json, found by findFiles and read through the client.
    const diagnostics = await waitForDiagnostics(
      contact,
      having('comment', 'unknown-merge-field', 'inconsistent-type'),
      'comment, unknown-merge-field and inconsistent-type',
    );
    const unknown = diagnostics.find((d) => codeOf(d) === 'unknown-merge-field');
    match(unknown?.message ?? '', /web_plann/);
    const inconsistent = diagnostics.find((d) => codeOf(d) === 'inconsistent-type');
    match(inconsistent?.message ?? '', /team\.regal\.json/);
  });

  it('follows a catalog change made through VS Code (file watching), both ways', async () => {
    const catalog = vscode.Uri.joinPath(folder.uri, 'iterable-fields.json');
    const original = await vscode.workspace.fs.readFile(catalog);
    const fields = (JSON.parse(new TextDecoder().decode(original)) as { fields: Record<string, string> }).fields;
    await vscode.workspace.fs.writeFile(catalog, new TextEncoder().encode(JSON.stringify({ fields: { ...fields, web_plann: 'string' } })));
    try {
      await waitForDiagnostics(contact, (d) => !d.some((x) => codeOf(x) === 'unknown-merge-field'), 'unknown-merge-field to go once the catalog has web_plann');
    } finally {
      await vscode.workspace.fs.writeFile(catalog, original);
    }
    await waitForDiagnostics(contact, having('unknown-merge-field'), 'unknown-merge-field back with the original catalog');
  });

  it('completes merge fields from the catalog', async () => {
    const document = await vscode.workspace.openTextDocument(contact);
    const line = document.lineAt(7).text; // "tier": "{{web_tier}}",
    const position = new vscode.Position(7, line.indexOf('{{web_tier') + 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', contact, position);
    const labels = list.items.map(labelOf);
    ok(labels.includes('web_tier') && labels.includes('web_seats'), `catalog fields among ${JSON.stringify(labels.slice(0, 30))}`);
  });

  it('shows a hover for a merge field, with its catalog type', async () => {
    const document = await vscode.workspace.openTextDocument(contact);
    const position = new vscode.Position(7, document.lineAt(7).text.indexOf('web_tier') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', contact, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    match(text, /web_tier/);
    match(text, /string/);
  });

  it('applies a quick fix (remove the comment) and the diagnostic goes away', async () => {
    const [comment] = (await waitForDiagnostics(contact, having('comment'), 'the comment diagnostic')).filter((d) => codeOf(d) === 'comment');
    ok(comment, 'a comment diagnostic');
    const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
      'vscode.executeCodeActionProvider',
      contact,
      comment.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined && /comment/i.test(a.title));
    ok(fix?.edit, `a quick fix for the comment among ${JSON.stringify(actions.map((a) => a.title))}`);
    ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
    await waitForDiagnostics(contact, (d) => !d.some((x) => codeOf(x) === 'comment'), 'the comment diagnostic to go');
    const document = await vscode.workspace.openTextDocument(contact);
    ok(!document.getText().includes('//'), 'the comment is gone from the text');
  });
});
