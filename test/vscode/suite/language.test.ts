/**
 * Language features in a real VS Code: the language status items (schema, catalog, endpoint) and
 * how they follow settings and the catalog file; `Regal: New Payload…` creating a payload file from each
 * snippet, opened as regal-webhook, that the server finds clean; the snippets offered as
 * completions; `{{` auto-closing inside strings; and the language server's completion and hover
 * through the vscode.execute*Provider commands. Every wait is on a VS Code event, bounded by a timeout.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, waitFor, waitForDiagnostics } from '../support/waiting';
import type { RegalExtensionApi } from '../../../client/src/extension';

/** The repository (this file runs from out/test/vscode/suite/): the examples are not packaged in the .vsix. */
const REPOSITORY = path.resolve(__dirname, '..', '..', '..', '..');
import type { LanguageStatusSnapshot } from '../../../client/src/language/languageStatus';

const EXTENSION_ID = 'regal-webhook-tools.regal-webhook';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

async function closeAllEditors(): Promise<void> {
  // Untitled documents would ask to be saved: revert them first.
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Regal language features', () => {
  let api: RegalExtensionApi;
  let folder: vscode.WorkspaceFolder;

  before(async () => {
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspaceFolder, 'the test workspace is open');
    folder = workspaceFolder;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'contact.regal.json'));
    await vscode.window.showTextDocument(document);
    const extension = vscode.extensions.getExtension<RegalExtensionApi>(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    // Opening the payload activates it; activate() is idempotent and hands back the exports.
    api = await extension.activate();
  });

  after(async () => {
    const regal = vscode.workspace.getConfiguration('regal');
    await regal.update('fieldsFile', undefined, vscode.ConfigurationTarget.Global);
    await regal.update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  describe('language status', () => {
    const snapshotWhere = (accept: (s: LanguageStatusSnapshot) => boolean, what: string) =>
      waitFor(
        api.languageStatus.onDidChange,
        () => {
          const snapshot = api.languageStatus.snapshot();
          return snapshot && accept(snapshot) ? snapshot : undefined;
        },
        `the language status to show ${what}; now ${JSON.stringify(api.languageStatus.snapshot())}`,
      );

    it('shows the schema and the default endpoint, and says the workspace value is ignored', async () => {
      const snapshot = await snapshotWhere(() => true, 'anything');
      assert.equal(snapshot.schema.text, 'Regal events API');
      assert.match(snapshot.schema.detail, /regal-event\.schema\.json/);
      // The fixture's .vscode/settings.json sets regal.endpoint to port 9: never used, and said so.
      assert.equal(snapshot.endpoint.text, 'events.regalvoice.com');
      assert.equal(snapshot.endpoint.detail, 'Workspace value ignored');
      assert.match(snapshot.endpoint.tooltip ?? '', /127\.0\.0\.1:9.*ignored: set it in your User settings/);
      assert.equal(snapshot.endpoint.severity, 'warning');
    });

    it('reads the endpoint from user settings in this remote window (application scope)', async () => {
      assert.ok(vscode.env.remoteName, 'the test VS Code is a remote window');
      const regal = vscode.workspace.getConfiguration('regal');
      assert.equal(regal.inspect('endpoint')?.key, 'regal.endpoint');
      await regal.update('endpoint', 'https://user-endpoint.example/events', vscode.ConfigurationTarget.Global);
      const fromUser = await snapshotWhere((s) => s.endpoint.text === 'user-endpoint.example', 'the user endpoint');
      assert.equal(vscode.workspace.getConfiguration('regal').get('endpoint'), 'https://user-endpoint.example/events');
      assert.equal(fromUser.endpoint.text, 'user-endpoint.example');
      await regal.update('endpoint', undefined, vscode.ConfigurationTarget.Global);
      await snapshotWhere((s) => s.endpoint.text === 'events.regalvoice.com', 'the default endpoint again');
    });

    it('follows the catalog file: missing, created (clickable to open), deleted', async () => {
      const name = 'language-status-fields.json';
      const catalog = vscode.Uri.joinPath(folder.uri, name);
      await vscode.workspace.getConfiguration('regal').update('fieldsFile', name, vscode.ConfigurationTarget.Global);
      const missing = await snapshotWhere((s) => s.catalog.uri === catalog.toString() && !s.catalog.found, `${name} missing`);
      assert.equal(missing.catalog.text, 'No merge-field catalog');
      assert.equal(missing.catalog.detail, `${name} not found`);
      assert.equal(missing.catalog.command, 'workbench.action.openSettings');

      await vscode.workspace.fs.writeFile(catalog, new TextEncoder().encode('{ "fields": { "phoneNumber": "string" } }\n'));
      const found = await snapshotWhere((s) => s.catalog.found, `${name} found`);
      assert.equal(found.catalog.text, `Fields: ${name}`);
      assert.equal(found.catalog.command, 'vscode.open');

      await vscode.workspace.fs.delete(catalog);
      await snapshotWhere((s) => !s.catalog.found, `${name} gone`);
    });

    it('reads a catalog outside the workspace only when the user settings name it', async () => {
      // A workspace's settings (a cloned repository's) must not make the server read any file on the machine.
      const outside = path.join(mkdtempSync(path.join(os.tmpdir(), 'regal-outside-')), 'fields.json');
      writeFileSync(outside, '{ "fields": { "phoneNumber": "string" } }\n');
      const contact = vscode.Uri.joinPath(folder.uri, 'contact.regal.json');
      const unknownFields = (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => codeOf(d) === 'unknown-merge-field');
      const regal = vscode.workspace.getConfiguration('regal');
      try {
        await regal.update('fieldsFile', outside, vscode.ConfigurationTarget.Global);
        const fromUser = await snapshotWhere((s) => s.catalog.found && s.catalog.uri === vscode.Uri.file(outside).toString(), 'the outside catalog read');
        assert.equal(fromUser.catalog.text, 'Fields: fields.json');
        // Read: {{voice_optin}} is not in it.
        await waitForDiagnostics(contact, unknownFields, 'unknown-merge-field from the user-set catalog');

        await regal.update('fieldsFile', outside, vscode.ConfigurationTarget.Workspace);
        const refused = await snapshotWhere((s) => s.catalog.text === 'Catalog not read', 'the outside catalog refused');
        assert.equal(refused.catalog.detail, 'Outside the workspace');
        assert.equal(refused.catalog.severity, 'warning');
        assert.match(refused.catalog.tooltip ?? '', /set regal\.fieldsFile in your user settings/);
        await waitForDiagnostics(contact, (d) => !unknownFields(d), 'no catalog checks once the server refuses the catalog');
      } finally {
        await regal.update('fieldsFile', undefined, vscode.ConfigurationTarget.Workspace);
        await regal.update('fieldsFile', undefined, vscode.ConfigurationTarget.Global);
        rmSync(path.dirname(outside), { recursive: true, force: true });
      }
    });

    it('follows the endpoint setting and warns about one that would leak the key', async () => {
      const regal = vscode.workspace.getConfiguration('regal');
      await regal.update('endpoint', 'http://127.0.0.1:8123/events', vscode.ConfigurationTarget.Global);
      const loopback = await snapshotWhere((s) => s.endpoint.text === '127.0.0.1:8123', 'the loopback endpoint');
      // Usable (the fixture's ignored workspace value is still named, hence the warning severity).
      assert.equal(loopback.endpoint.detail, 'Workspace value ignored');
      await regal.update('endpoint', 'http://example.com/events', vscode.ConfigurationTarget.Global);
      const insecure = await snapshotWhere((s) => s.endpoint.text === 'Endpoint not usable', 'a warning for plain http');
      assert.equal(insecure.endpoint.severity, 'warning');
      assert.match(insecure.endpoint.detail, /https/);
      await regal.update('endpoint', undefined, vscode.ConfigurationTarget.Global);
      await snapshotWhere((s) => s.endpoint.text === 'events.regalvoice.com', 'the default endpoint again');
    });
  });

  describe('Regal: New Payload…', () => {
    const examples: Array<[string, string]> = [
      ['Create contact', 'create-contact.regal.json'],
      ['Update opt-in', 'update-opt-in.regal.json'],
      ['Send event', 'send-event.regal.json'],
      ['Create contact (traits.phones)', 'create-contact.phones.regal.json'],
      ['Update opt-in (traits.phones)', 'update-opt-in.phones.regal.json'],
      ['regal-event-phones', 'send-event.phones.regal.json'],
    ];

    const created: vscode.Uri[] = [];
    after(async () => {
      await closeAllEditors();
      // Other suites compare payload files across the workspace: leave none behind.
      for (const uri of created) await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
    });

    for (const [name, example] of examples) {
      it(`"${name}" creates new-payload/${example} on disk, opened as regal-webhook, holding the payload`, async () => {
        const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('regal.newPayload', name, `new-payload/${example}`);
        assert.ok(uri, 'the command returns the new document');
        created.push(uri);
        assert.equal(uri.toString(), vscode.Uri.joinPath(folder.uri, 'new-payload', example).toString());
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        assert.ok(document);
        assert.equal(document.languageId, 'regal-webhook');
        assert.equal(vscode.window.activeTextEditor?.document, document);
        // Each snippet tab becomes the editor's indentation; the examples use two spaces.
        const options = vscode.window.activeTextEditor.options;
        const unit = options.insertSpaces ? ' '.repeat(Number(options.tabSize)) : '\t';
        const expected = readFileSync(path.join(REPOSITORY, 'examples', example), 'utf8').replace(/^(?: {2})+/gm, (spaces) => unit.repeat(spaces.length / 2));
        assert.equal(document.getText(), expected);
        assert.equal(document.isDirty, false, 'saved');
        assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), expected, 'the file on disk holds the payload');
        // The first tab stop is selected, ready to type over.
        assert.equal(document.getText(vscode.window.activeTextEditor.selection), example.startsWith('create') ? 'uniqueIdentifier' : 'phoneNumber');
        if (!example.includes('.phones.')) {
          // The legacy shape always gets its hint, so this waits for the server's verdict on the snippet's text.
          const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'legacy-shape'), 'the legacy-shape hint');
          assert.deepEqual(
            diagnostics.filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint).map((d) => `${d.code}: ${d.message}`),
            [],
          );
        }
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      });
    }

    it('appends .regal.json to a name without it, and never overwrites an existing file', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('regal.newPayload', 'regal-event-phones', 'new-payload/signup');
      assert.ok(uri);
      created.push(uri);
      assert.equal(path.posix.basename(uri.path), 'signup.regal.json');
      const before = await vscode.workspace.fs.readFile(uri);
      assert.equal(await vscode.commands.executeCommand('regal.newPayload', 'Send event', 'new-payload/signup.regal.json'), undefined);
      assert.deepEqual(await vscode.workspace.fs.readFile(uri), before);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('with an unknown name creates nothing', async () => {
      const before = vscode.workspace.textDocuments.length;
      assert.equal(await vscode.commands.executeCommand('regal.newPayload', 'Delete contact'), undefined);
      assert.equal(vscode.workspace.textDocuments.length, before);
    });
  });

  describe('editing', () => {
    let document: vscode.TextDocument;
    let editor: vscode.TextEditor;

    const open = async (content: string) => {
      document = await vscode.workspace.openTextDocument({ language: 'regal-webhook', content });
      editor = await vscode.window.showTextDocument(document);
    };

    afterEach(async () => {
      if (document && !document.isClosed) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });

    it('offers the payload snippets as completions', async () => {
      await open('');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 0));
      const snippets = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
      for (const prefix of ['regal-contact', 'regal-optin', 'regal-event', 'regal-contact-phones', 'regal-optin-phones', 'regal-event-phones']) {
        assert.ok(snippets.includes(prefix), `${prefix} among ${JSON.stringify(snippets)}`);
      }
    });

    for (const [where, before, after] of [
      ['inside a string', '{ "phone": "', '" }'],
      ['in value position', '{ "subscribed": ', ' }'],
    ]) {
      it(`closes {{ with }} ${where}`, async () => {
        await open(`${before}${after}`);
        const cursor = new vscode.Position(0, before.length);
        editor.selection = new vscode.Selection(cursor, cursor);
        const typed = waitFor(vscode.workspace.onDidChangeTextDocument, () => (document.getText().includes('{{') ? true : undefined), '{{');
        await vscode.commands.executeCommand('type', { text: '{' });
        await vscode.commands.executeCommand('type', { text: '{' });
        await typed;
        assert.equal(document.getText(), `${before}{{}}${after}`);
        assert.equal(editor.selection.active.character, before.length + 2, 'the cursor sits between the braces');
      });
    }

    it('completes Regal keys from the language server', async () => {
      await open('{\n  ""\n}\n');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(1, 3));
      const labels = list.items.map(labelOf);
      assert.ok(
        labels.some((label) => label.replace(/"/g, '') === 'traits'),
        `traits among ${JSON.stringify(labels.slice(0, 30))}`,
      );
    });

    it('explains "traits" on hover, from the language server', async () => {
      await open('{\n  "traits": { "phone": "{{phoneNumber}}" }\n}\n');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(1, 5));
      const text = hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.ok(text.trim().length > 0, 'the hover has content');
    });
  });
});
