/**
 * `Regal: Create Sample Data` in a real VS Code, on test/vscode/fixtures/sample-data/ (its own
 * payload, catalog and sample path, so other suites' files stay as they are): it writes the sample
 * with every merge field the payload uses, typed from the catalog, and a second run adds only what
 * is new, keeping the values the user typed. Waits are on VS Code events or on the command's promise.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CreateSampleDataResult } from '../../../client/src/sampleData/createSampleDataCommand';

const EXTENSION_ID = 'regal-webhook-tools.regal-webhook';

async function readJson(uri: vscode.Uri): Promise<Record<string, Record<string, unknown>>> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Record<string, Record<string, unknown>>;
}

describe('Regal sample data', () => {
  let folder: vscode.WorkspaceFolder;
  let payloadUri: vscode.Uri;
  let sampleUri: vscode.Uri;

  before(async () => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the test workspace is open');
    folder = first;
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    payloadUri = vscode.Uri.joinPath(folder.uri, 'sample-data', 'signup.regal.json');
    sampleUri = vscode.Uri.joinPath(folder.uri, 'sample-data', 'created.sample.json');
    const regal = vscode.workspace.getConfiguration('regal');
    await regal.update('sampleData', 'sample-data/created.sample.json', vscode.ConfigurationTarget.Global);
    await regal.update('fieldsFile', 'sample-data/iterable-fields.json', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    const regal = vscode.workspace.getConfiguration('regal');
    await regal.update('sampleData', undefined, vscode.ConfigurationTarget.Global);
    await regal.update('fieldsFile', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('writes the sample with every merge field the payload uses, typed from the catalog', async () => {
    const payload = await vscode.workspace.openTextDocument(payloadUri);
    await vscode.window.showTextDocument(payload);
    // From the active editor, as the palette, the editor title and the context menu run it.
    const result = await vscode.commands.executeCommand<CreateSampleDataResult>('regal.createSampleData');
    assert.ok(result, 'the command reports what it did');
    assert.equal(result.sampleUri.toString(), sampleUri.toString());
    assert.equal(result.created, true);
    assert.deepEqual(await readJson(sampleUri), {
      profile: {
        userId: '',
        phoneNumber: '+16505551234',
        sd_vip: false,
        email: 'ada.lovelace@example.com',
        firstName: '',
        sd_address: { city: '' },
        sd_age: 0,
        sd_joined: '2024-01-31 00:00:00 +00:00',
        sd_cart: '',
      },
      event: {},
    });
    assert.ok(!('sku' in ((await readJson(sampleUri)).profile ?? {})), 'a field inside {{#each}} is not a profile field');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), sampleUri.toString(), 'the sample opens, ready to fill in');
  });

  it('run again, adds only the new fields and keeps the values the user typed', async () => {
    // The user fills in values and removes a field they don't want (it comes back, empty).
    const sample = await readJson(sampleUri);
    const profile = { ...sample.profile, firstName: 'Grace', sd_age: 41, sd_vip: true, email: 'grace@example.com' };
    delete (profile as Record<string, unknown>).userId;
    const edited = `${JSON.stringify({ profile, event: { source: 'web' } }, null, 4)}\n`;
    await vscode.workspace.fs.writeFile(sampleUri, new TextEncoder().encode(edited));

    // The payload gains a field (unsaved: the editor's text counts).
    const payload = await vscode.workspace.openTextDocument(payloadUri);
    const edit = new vscode.WorkspaceEdit();
    const at = payload.getText().indexOf('"eventSource"');
    edit.insert(payloadUri, payload.positionAt(at), '"sd_plan": "{{sd_plan}}",\n  ');
    assert.ok(await vscode.workspace.applyEdit(edit));

    const result = await vscode.commands.executeCommand<CreateSampleDataResult>('regal.createSampleData', payloadUri);
    assert.ok(result);
    assert.equal(result.created, false);
    assert.deepEqual(result.added, ['userId', 'sd_plan']);
    const after = await readJson(sampleUri);
    assert.deepEqual(after.event, { source: 'web' });
    assert.equal(after.profile?.firstName, 'Grace');
    assert.equal(after.profile?.sd_age, 41);
    assert.equal(after.profile?.sd_vip, true);
    assert.equal(after.profile?.email, 'grace@example.com');
    assert.equal(after.profile?.userId, '');
    assert.equal(after.profile?.sd_plan, '');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(sampleUri));
    assert.ok(text.startsWith(edited.slice(0, edited.indexOf('"firstName"'))), "the user's text and indentation are kept");
    assert.match(text, /^ {8}"sd_plan": ""$/m, "new fields use the file's indentation");

    // A third run has nothing to add and leaves the file as it is.
    const again = await vscode.commands.executeCommand<CreateSampleDataResult>('regal.createSampleData', payloadUri);
    assert.deepEqual(again?.added, []);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(sampleUri)), text);
    await vscode.window.showTextDocument(payload);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('refuses a sample it cannot read, leaving it untouched', async () => {
    const broken = '{ "profile": { "firstName": "Grace", } // a note\n';
    await vscode.workspace.fs.writeFile(sampleUri, new TextEncoder().encode(broken));
    assert.equal(await vscode.commands.executeCommand('regal.createSampleData', payloadUri), undefined);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(sampleUri)), broken);
    await vscode.workspace.fs.delete(sampleUri);
  });
});
