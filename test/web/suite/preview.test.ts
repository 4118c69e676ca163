/**
 * `Regal: Preview Rendered Payload` in the web extension: the payload rendered with
 * regal.sample.json (read with `vscode.workspace.fs`) in a Web Worker (the extension's bundle in its render role),
 * within the desktop's render budget: a template whose output explodes ends in "Rendering stopped"
 * with the desktop's message. Every wait is on a VS Code event, bounded by a timeout.
 */
import * as vscode from 'vscode';
import type { RegalExtensionApi } from '../../../client/src/activateRegal';
import { DEFAULT_RENDER_LIMITS } from '../../../server/src/rendering/renderBudget';
import { waitFor } from '../../vscode/support/waiting';
import { equal, match, ok } from './assertions';
import { EXTENSION_ID } from './language.test';

const PREVIEW_SCHEME = 'regal-preview';

/** `{{replace (replace … 'a' 'aaaaaaaaaa') …}}`, `depth` calls deep: each multiplies the a's by ten. */
function nestedReplace(depth: number): string {
  let expression = "'a'";
  for (let i = 0; i < depth; i++) expression = `(replace ${expression} 'a' 'aaaaaaaaaa')`;
  return `{"a": "{{${expression.slice(1, -1)}}}"}`;
}

/** The preview document's text once `accept` takes it (now or after a change). */
function previewText(document: vscode.TextDocument, accept: (text: string) => boolean, what: string): Promise<string> {
  return waitFor(
    vscode.workspace.onDidChangeTextDocument,
    () => (accept(document.getText()) ? document.getText() : undefined),
    () => `${what}; preview now: ${JSON.stringify(document.getText().slice(0, 400))}`,
  );
}

describe('Web extension: preview rendered in a Web Worker', () => {
  let folder: vscode.WorkspaceFolder;
  let api: RegalExtensionApi;

  before(async () => {
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    ok(workspaceFolder, 'the test workspace is open');
    folder = workspaceFolder;
    const extension = vscode.extensions.getExtension<RegalExtensionApi>(EXTENSION_ID);
    ok(extension, 'the extension is installed');
    api = await extension.activate();
  });

  it('renders the payload with the sample data beside it', async () => {
    const payload = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'contact.regal.json'));
    await vscode.window.showTextDocument(payload, vscode.ViewColumn.One);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('regal.previewRenderedPayload');
    ok(uri && uri.scheme === PREVIEW_SCHEME, `a preview URI: ${uri?.toString()}`);
    const preview = await vscode.workspace.openTextDocument(uri);
    const text = await previewText(preview, (t) => t.includes('"Ada"'), 'the rendered payload');
    equal(text.split('\n')[0], '// Rendered contact.regal.json with sample data from regal.sample.json.');
    match(text, /"tier": "gold"/);
    ok(api.renderer.stats.workersStarted >= 1, 'rendered by a worker');
  });

  it('stops a runaway template at the desktop budget, with the desktop message', async () => {
    const uri = vscode.Uri.joinPath(folder.uri, 'nested-replace.regal.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(nestedReplace(14)));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
      const previewUri = await vscode.commands.executeCommand<vscode.Uri>('regal.previewRenderedPayload');
      ok(previewUri, 'a preview URI');
      const text = await previewText(await vscode.workspace.openTextDocument(previewUri), (t) => t.includes('Rendering stopped'), 'the stopped header');
      match(text, /^\/\/ Rendering stopped: the output grew past 1,000,000 characters\./m);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('applies the time budget inside the worker, and renders again afterwards', async () => {
    // 200,000 helper calls whose output stays small: only the time budget (checked at each call) can stop it.
    const items = Array.from({ length: 200_000 }, (_, i) => i);
    const template = `{"a": "{{#each items}}{{replace 'a' 'a' 'b'}}{{/each}}"}`;
    const stopped = await api.renderer.render(
      template,
      { profile: { items }, event: {} },
      { key: 'web-time-budget', limits: { ...DEFAULT_RENDER_LIMITS, timeMs: 0 } },
    );
    match(stopped.stopped?.reason ?? JSON.stringify(stopped).slice(0, 200), /rendering stopped: it took longer than 0 s/);
    const rendered = await api.renderer.render('{"name": "{{name}}"}', { profile: { name: 'Ada' }, event: {} }, { key: 'web-after-budget' });
    equal(rendered.text, '{"name": "Ada"}');
  });
});
