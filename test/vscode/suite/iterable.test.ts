/**
 * The Iterable commands in a real VS Code, against the loopback stand-in for Iterable
 * (test/support/mockIterable.ts), on test/vscode/fixtures/iterable/: set the Iterable key, fetch the
 * field catalog (then completion offers the new field), use an Iterable user as sample data (then the
 * preview shows their values), copy the body for Iterable (then the clipboard holds it and the
 * checklist names the trigger), and the refusals (no key, a failed fetch, a payload with errors).
 *
 * The stand-in's address goes into the user settings (`regal.iterable.apiBaseUrl`, application scope);
 * the catalog path too (`regal.fieldsFile`, so other suites' payloads keep theirs). Waits are on
 * VS Code events or on the commands' promises.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CopyBodyResult } from '../../../client/src/iterable/copyBodyCommand';
import type { FetchCatalogResult } from '../../../client/src/iterable/fetchCatalogCommand';
import type { IterableKeyResult } from '../../../client/src/iterable/iterableKeyCommands';
import type { UserSampleResult } from '../../../client/src/iterable/userSampleCommand';
import { MockIterable, MOCK_ITERABLE_KEY } from '../../support/mockIterable';
import { codeOf, waitFor, waitForDiagnostics } from '../support/waiting';

const EXTENSION_ID = 'regal-webhook-tools.regal-webhook';
const CATALOG = 'iterable/iterable-fields.json';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('Regal Iterable commands', () => {
  const mock = new MockIterable();
  let folder: vscode.WorkspaceFolder;
  const fixture = (name: string) => vscode.Uri.joinPath(folder.uri, 'iterable', name);
  const regal = () => vscode.workspace.getConfiguration('regal');
  const readText = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

  before(async () => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the test workspace is open');
    folder = first;
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await regal().update('iterable.apiBaseUrl', await mock.start(), vscode.ConfigurationTarget.Global);
    await regal().update('fieldsFile', CATALOG, vscode.ConfigurationTarget.Global);
    mock.fields = { ...mock.fields, iterable_suite_tier: 'string' };
  });

  after(async () => {
    await regal().update('iterable.apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await regal().update('fieldsFile', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('regal', folder.uri).update('sampleData', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder.uri, '.regal'), { recursive: true }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('regal.clearIterableApiKey');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await mock.stop();
  });

  it('without a key, fetching says how to set one; then the key is stored', async () => {
    await vscode.commands.executeCommand('regal.clearIterableApiKey');
    const refused = await vscode.commands.executeCommand<FetchCatalogResult>('regal.fetchIterableFieldCatalog', { overwrite: true });
    assert.equal(refused.outcome, 'failed');
    assert.match(refused.message, /^No Iterable API key is set: run "Regal: Set Iterable API Key"/);
    assert.equal(mock.requests.length, 0);
    const bad = await vscode.commands.executeCommand<IterableKeyResult>('regal.setIterableApiKey', 'two\nlines');
    assert.equal(bad.stored, false);
    const stored = await vscode.commands.executeCommand<IterableKeyResult>('regal.setIterableApiKey', MOCK_ITERABLE_KEY);
    assert.equal(stored.stored, true);
    assert.equal(stored.message.includes(MOCK_ITERABLE_KEY), false);
  });

  it('fetches the field catalog; completion then offers the new field', async () => {
    const payload = await vscode.workspace.openTextDocument(fixture('welcome.regal.json'));
    await vscode.window.showTextDocument(payload);
    const result = await vscode.commands.executeCommand<FetchCatalogResult>('regal.fetchIterableFieldCatalog', { overwrite: true });
    assert.equal(result.outcome, 'written', result.message);
    assert.equal(result.catalogUri?.toString(), fixture('iterable-fields.json').toString());
    assert.equal(mock.requests.at(-1)?.url, '/api/users/getFields');
    assert.equal(mock.requests.at(-1)?.apiKey, MOCK_ITERABLE_KEY);
    assert.match(await readText(fixture('iterable-fields.json')), /"iterable_suite_tier": "string"/);

    // The server reads the new catalog: a field it lacks is now flagged, and completion lists its fields.
    await waitForDiagnostics(
      payload.uri,
      (d) => d.some((x) => codeOf(x) === 'unknown-merge-field' && x.message.includes('suite_unlisted_field')),
      'the fetched catalog to be read',
    );
    const complete = await vscode.workspace.openTextDocument(fixture('complete.regal.json'));
    const position = complete.positionAt(complete.getText().indexOf('"{{}}"') + 3);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', complete.uri, position);
    assert.ok(list.items.map(labelOf).includes('iterable_suite_tier'), JSON.stringify(list.items.map(labelOf)));
  });

  it('a second fetch reports what changed; a failed one leaves the catalog as it was', async () => {
    mock.fields = { ...mock.fields, suite_unlisted_field: 'long' };
    const result = await vscode.commands.executeCommand<FetchCatalogResult>('regal.fetchIterableFieldCatalog', { overwrite: true });
    assert.equal(result.outcome, 'written');
    assert.deepEqual(result.changes?.added, ['suite_unlisted_field']);
    const before = await readText(fixture('iterable-fields.json'));
    mock.failNext({ kind: 'status', status: 401, body: '{"msg":"Invalid API key","code":"BadApiKey"}' });
    const failed = await vscode.commands.executeCommand<FetchCatalogResult>('regal.fetchIterableFieldCatalog', { overwrite: true });
    assert.equal(failed.outcome, 'failed');
    assert.match(failed.message, /^Iterable refused the API key \(HTTP 401\): check the key set with "Regal: Set Iterable API Key" or the API base URL/);
    assert.match(failed.message, /iterable\/iterable-fields\.json was not changed\.$/);
    assert.equal(await readText(fixture('iterable-fields.json')), before);
  });

  it('uses an Iterable user and their latest event as sample data; the preview shows their values', async () => {
    const result = await vscode.commands.executeCommand<UserSampleResult>('regal.useIterableUserAsSample', {
      user: 'ada@example.com',
      event: 'Application Step 1 Completed',
    });
    assert.equal(result.outcome, 'written', result.message);
    assert.match(result.message, /personal data: \.regal\/samples\/\.gitignore keeps it out of git/);
    const samples = vscode.Uri.joinPath(folder.uri, '.regal', 'samples');
    assert.equal(
      await readText(vscode.Uri.joinPath(samples, '.gitignore')),
      '# Written by "Regal: Use an Iterable User as Sample Data": these files hold real users\' personal data.\n*\n',
    );
    assert.equal(result.sampleUri?.toString(), vscode.Uri.joinPath(samples, 'iterable-user.Application_Step_1_Completed.json').toString());
    assert.equal(vscode.workspace.getConfiguration('regal', folder.uri).get('sampleData'), '.regal/samples/iterable-user.Application_Step_1_Completed.json');

    const previewUri = await vscode.commands.executeCommand<vscode.Uri>('regal.previewRenderedPayload', fixture('welcome.regal.json'));
    const preview = await vscode.workspace.openTextDocument(previewUri);
    const text = await waitFor(
      vscode.workspace.onDidChangeTextDocument,
      () => (preview.getText().includes('"Engines"') ? preview.getText() : undefined),
      () => `the preview with Ada's values: ${preview.getText()}`,
    );
    assert.match(text, /"firstName": "Ada"/);
    assert.match(text, /"phone": "\+16505551234"/);
    assert.match(text, /"subject": "Engines"/);

    mock.failNext({ kind: 'status', status: 200, body: '{}' });
    const unknown = await vscode.commands.executeCommand<UserSampleResult>('regal.useIterableUserAsSample', { user: 'nobody@example.com' });
    assert.equal(unknown.outcome, 'failed');
    assert.match(unknown.message, /^No Iterable user with email nobody@example\.com in this project\./);
  });

  it('copies the body for Iterable and opens the setup checklist', async () => {
    const uri = fixture('welcome.regal.json');
    const result = await vscode.commands.executeCommand<CopyBodyResult>('regal.copyBodyForIterable', uri);
    assert.equal(result.copied, true, result.message);
    assert.equal(await vscode.env.clipboard.readText(), await readText(uri));
    const checklist = await vscode.workspace.openTextDocument(result.checklistUri!);
    assert.equal(checklist.languageId, 'markdown');
    const text = checklist.getText();
    assert.match(text, /- \[ \] Method: \*\*POST\*\*/);
    assert.match(text, /- \[ \] Endpoint: `https:\/\/events\.regalvoice\.com\/events`/);
    assert.match(text, /`Authorization` = your Regal API key/);
    assert.match(text, /Uncheck "send email and workflowId"/);
    assert.match(text, /\*\*Custom Event\*\* "Application Step 1 Completed"/);
  });

  it('refuses to copy a payload with errors', async () => {
    const uri = fixture('broken.regal.json');
    await vscode.workspace.openTextDocument(uri);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'comment'), 'the comment error');
    await vscode.env.clipboard.writeText('unchanged');
    const result = await vscode.commands.executeCommand<CopyBodyResult>('regal.copyBodyForIterable', uri);
    assert.equal(result.copied, false);
    assert.match(result.message, /^Not copied: iterable\/broken\.regal\.json has 1 error that Iterable would send as is\. The first, at line 3:/);
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
  });
});
