/**
 * JSON files that look like a Regal payload (test/vscode/fixtures/lookalike/) in a real VS Code: each
 * gets one "This looks like a Regal webhook payload…" notification when it is shown. The test replaces
 * the notification's prompt (the extension's API exposes it) to answer it: Rename to .regal.json,
 * Add to files.associations, Don't ask again. Waits are on the notice's onDidHandle event; that a file
 * is *not* asked about is checked when the next file's prompt arrives (files are handled in order).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RegalExtensionApi } from '../../../client/src/extension';
import type { LookalikeAction, LookalikeOutcome, LookalikePrompt } from '../../../client/src/detection/payloadLookalikeNotice';
import { waitFor } from '../support/waiting';

const EXTENSION_ID = 'regal-webhook-tools.regal-webhook';

describe('Regal lookalike payloads', () => {
  let api: RegalExtensionApi;
  let folder: vscode.WorkspaceFolder;
  let originalPrompt: LookalikePrompt;
  const asked: Array<{ file: string; message: string; actions: readonly string[] }> = [];
  const outcomes: LookalikeOutcome[] = [];
  const answers = new Map<string, LookalikeAction | undefined>();
  let subscription: vscode.Disposable;

  const fixture = (name: string) => vscode.Uri.joinPath(folder.uri, 'lookalike', name);
  const base = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);
  /** Shows `name` and resolves with the outcome of its notification. */
  const showAndAnswer = async (name: string, answer: LookalikeAction | undefined): Promise<LookalikeOutcome> => {
    answers.set(name, answer);
    const count = outcomes.length;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture(name)));
    return waitFor(
      api.lookalikeNotice.onDidHandle,
      () => outcomes.slice(count).find((o) => base(o.uri) === name),
      `the notification for ${name}; asked so far: ${asked.map((a) => a.file).join(', ')}`,
    );
  };

  before(async () => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the test workspace is open');
    folder = first;
    const extension = vscode.extensions.getExtension<RegalExtensionApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    originalPrompt = api.lookalikeNotice.prompt;
    api.lookalikeNotice.prompt = (message, uri, actions) => {
      asked.push({ file: base(uri), message, actions });
      return Promise.resolve(answers.get(base(uri)));
    };
    subscription = api.lookalikeNotice.onDidHandle((outcome) => outcomes.push(outcome));
  });

  after(async () => {
    api.lookalikeNotice.prompt = originalPrompt;
    subscription.dispose();
    await vscode.workspace.getConfiguration('files').update('associations', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Other suites compare payload files across the workspace.
    await vscode.workspace.fs.delete(fixture('send-event.regal.json')).then(undefined, () => undefined);
  });

  it('says what it saw and offers the three actions', async () => {
    const outcome = await showAndAnswer('later.json', undefined);
    assert.equal(outcome.action, undefined, 'closed: nothing done');
    const prompt = asked.find((a) => a.file === 'later.json');
    assert.ok(prompt);
    assert.match(prompt.message, /^This looks like a Regal webhook payload/);
    assert.deepEqual(prompt.actions, ['Rename to .regal.json', 'Add to files.associations', "Don't ask again"]);
  });

  it('"Rename to .regal.json" renames the file and reopens it as a payload', async () => {
    const outcome = await showAndAnswer('send-event.json', 'Rename to .regal.json');
    const renamed = fixture('send-event.regal.json');
    assert.equal(outcome.renamedTo?.toString(), renamed.toString());
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(fixture('send-event.json'))), 'the old name is gone');
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(renamed)), /Lookalike Fixture Viewed/);
    const active = vscode.window.activeTextEditor?.document;
    assert.equal(active?.uri.toString(), renamed.toString());
    assert.equal(active?.languageId, 'regal-webhook');
  });

  it('"Add to files.associations" maps the file to regal-webhook in the workspace settings', async () => {
    const outcome = await showAndAnswer('contact.json', 'Add to files.associations');
    assert.equal(outcome.pattern, '**/lookalike/contact.json');
    const associations = vscode.workspace.getConfiguration('files').inspect<Record<string, string>>('associations')?.workspaceValue;
    assert.equal(associations?.['**/lookalike/contact.json'], 'regal-webhook');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fixture('contact.json').toString());
    assert.equal(document?.languageId, 'regal-webhook');
  });

  it('"Don\'t ask again" is remembered; plain JSON and files already answered are not asked about', async () => {
    await showAndAnswer('declined.json', "Don't ask again");
    const before = asked.length;
    // Shown again (and a file without Handlebars, and one closed earlier in this session): no notification...
    for (const name of ['declined.json', 'plain.json', 'later.json'])
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture(name)));
    // ...which shows once a file that is asked about is handled after them.
    const other = vscode.Uri.joinPath(folder.uri, 'lookalike', 'fresh.json');
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode('{ "userId": "{{userId}}", "eventSource": "iterable" }\n'));
    try {
      await showAndAnswer('fresh.json', undefined);
      assert.deepEqual(
        asked.slice(before).map((a) => a.file),
        ['fresh.json'],
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(other);
    }
  });
});
