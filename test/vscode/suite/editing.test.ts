/**
 * The editing features of the language server (quick fixes, formatting, outline, folding,
 * selection ranges, merge-field completion, the field catalog and the cross-file checks) reached
 * the way VS Code reaches them: through vscode-languageclient, via the vscode.execute*Provider
 * commands and real WorkspaceEdits. The service and the stdio wiring have their own tests; these
 * catch client/server wiring problems (capabilities, settings, file watching, related information).
 *
 * The fixtures are in test/vscode/fixtures/editing/, part of the one workspace all suites share:
 * the catalog is `editing/iterable-fields.json` (set as a workspace setting only while this suite
 * runs), and the payloads use event names and property keys no other fixture uses, so that the
 * cross-file checks leave the other suites' files alone. Every wait is on a VS Code event, bounded
 * by a timeout.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, waitForDiagnostics } from '../support/waiting';

const EXTENSION_ID = 'regal-webhook-tools.regal-webhook';
const CATALOG_SETTING = 'editing/iterable-fields.json';

const having = (code: string) => (d: vscode.Diagnostic[]) => d.some((x) => codeOf(x) === code);
const without = (code: string) => (d: vscode.Diagnostic[]) => !d.some((x) => codeOf(x) === code);
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
/** Every `{{…}}` of a text, in order. */
const mustaches = (text: string) => text.match(/\{\{[\s\S]*?\}\}/g) ?? [];

describe('Regal editing features', () => {
  let folder: vscode.WorkspaceFolder;
  const fixture = (name: string) => vscode.Uri.joinPath(folder.uri, 'editing', name);
  const open = async (name: string) => vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture(name)));

  before(async () => {
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspaceFolder, 'the test workspace is open');
    folder = workspaceFolder;
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
    await vscode.workspace.getConfiguration('regal', folder.uri).update('fieldsFile', CATALOG_SETTING, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    // Edited fixtures are reverted (never saved): the other suites share this workspace.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.path.includes('/editing/'))) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.workspace.getConfiguration('regal', folder.uri).update('fieldsFile', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('quick fixes', () => {
    /**
     * The quick fix titled `title` VS Code offers for the diagnostic. VS Code sends the diagnostics
     * under the range back with the request, and the server builds its fixes from those alone, so a
     * fix for this diagnostic proves the round trip. (Which diagnostics an action names is not
     * observable here: vscode.executeCodeActionProvider drops CodeAction.diagnostics in VS Code
     * 1.139; the stdio tests check it.)
     */
    async function quickFixFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: RegExp): Promise<vscode.CodeAction> {
      const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
        'vscode.executeCodeActionProvider',
        uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a): a is vscode.CodeAction => 'kind' in a && title.test(a.title));
      assert.ok(fix, `a quick fix ${title} among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `a quickfix: ${fix.kind?.value}`);
      assert.ok(fix.edit, 'the fix carries a WorkspaceEdit');
      return fix;
    }

    /** The action titles offered where the document has no diagnostic. */
    async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<string[]> {
      const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', uri, range);
      return actions.map((a) => a.title);
    }

    it('removes a comment and turns a quoted boolean into a real one, each diagnostic going away', async () => {
      const { document } = await open('fixes.regal.json');
      const { uri } = document;
      const before = await waitForDiagnostics(uri, (d) => having('comment')(d) && having('quoted-boolean')(d), 'comment and quoted-boolean');

      const comment = before.find((d) => codeOf(d) === 'comment')!;
      const removeComment = await quickFixFor(uri, comment, /^Remove this comment$/);
      assert.equal(removeComment.isPreferred, true, 'removing a comment is the preferred fix');
      // Away from any diagnostic, nothing is offered to fix.
      const clean = document.lineAt(
        document
          .getText()
          .split('\n')
          .findIndex((l) => l.includes('eventSource')),
      ).range;
      assert.deepEqual(
        (await actionsAt(uri, clean)).filter((t) => /comment|boolean/i.test(t)),
        [],
      );
      assert.ok(await vscode.workspace.applyEdit(removeComment.edit!));
      const afterComment = await waitForDiagnostics(uri, without('comment'), 'the comment diagnostic to go');
      assert.doesNotMatch(document.getText(), /\/\//);
      assert.ok(having('quoted-boolean')(afterComment), 'the other finding is still reported');

      // The catalog says editing_voice_optin is a boolean, so one form is offered, and preferred.
      const quoted = afterComment.find((d) => codeOf(d) === 'quoted-boolean')!;
      const realBoolean = await quickFixFor(uri, quoted, /^Render a real boolean: /);
      assert.equal(realBoolean.isPreferred, true, `the catalog decides the form: ${realBoolean.title}`);
      assert.ok(await vscode.workspace.applyEdit(realBoolean.edit!));
      await waitForDiagnostics(uri, without('quoted-boolean'), 'the quoted-boolean diagnostic to go');
      assert.match(document.getText(), /"subscribed": \{\{#if editing_voice_optin\}\}true\{\{else\}\}false\{\{\/if\}\} \}/);
    });
  });

  describe('structure', () => {
    it('outlines the payload with its keys, nested', async () => {
      const { document } = await open('format.regal.json');
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
      assert.deepEqual(
        symbols.map((s) => s.name),
        ['userId', 'traits', 'name', 'properties', 'eventSource'],
      );
      const traits = symbols[1];
      assert.deepEqual(
        traits.children.map((s) => s.name),
        ['phone', 'editingTier', 'optIn'],
      );
      assert.equal(document.getText(traits.range).split('\n')[0], '"traits": {');
      assert.ok(traits.range.contains(traits.selectionRange));
    });

    it('folds the multi-line objects and arrays', async () => {
      const { document } = await open('format.regal.json');
      const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
      const spans = ranges.map((r) => [r.start, r.end]);
      // The root object (closing brace on line 12), "traits" (lines 2-8), "optIn" (lines 5-7).
      for (const span of [
        [0, 11],
        [2, 7],
        [5, 6],
      ])
        assert.ok(
          spans.some((s) => s[0] === span[0] && s[1] === span[1]),
          `${JSON.stringify(span)} among ${JSON.stringify(spans)}`,
        );
    });

    it('grows the selection from a merge field to its property, object and document', async () => {
      const { document } = await open('format.regal.json');
      const position = document.positionAt(document.getText().indexOf('phoneNumber') + 2);
      const [range] = await vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', document.uri, [position]);
      assert.ok(range, 'a selection range for the position');
      const texts: string[] = [];
      for (let r: vscode.SelectionRange | undefined = range; r; r = r.parent) {
        if (r.parent) assert.ok(r.parent.range.contains(r.range), 'each range lies inside its parent');
        texts.push(document.getText(r.range));
      }
      for (const expected of ['{{phoneNumber}}', '"{{phoneNumber}}"', '"phone": "{{phoneNumber}}"'])
        assert.ok(texts.includes(expected), `${expected} among ${JSON.stringify(texts)}`);
      assert.equal(texts[texts.length - 1].trim(), document.getText().trim(), 'the last range is the whole payload');
    });

    it('formats: re-indents the JSON and leaves every {{ }} as written', async () => {
      const { document } = await open('format.regal.json');
      const original = document.getText();
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, {
        tabSize: 2,
        insertSpaces: true,
      });
      assert.ok(edits.length > 0, 'the badly indented fixture needs edits');
      const edit = new vscode.WorkspaceEdit();
      edit.set(document.uri, edits);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const formatted = document.getText();
      assert.deepEqual(mustaches(formatted), mustaches(original));
      assert.equal(
        formatted,
        [
          '{',
          '  "userId": "{{ userId }}",',
          '  "traits": {',
          '    "phone": "{{phoneNumber}}",',
          '    "editingTier": "{{#if editing_tier}}{{editing_tier}}{{else}}none{{/if}}",',
          '    "optIn": [',
          '      {',
          '        "channel": "sms",',
          '        "subscribed": {{#if editing_sms_optin}}true{{else}}false{{/if}}',
          '      }',
          '    ]',
          '  },',
          '  "name": "Editing Format Check",',
          '  "properties": {',
          '    "editingNote": "{{ editing_tier }}"',
          '  },',
          '  "eventSource": "iterable"',
          '}',
          '',
        ].join('\n'),
      );
      // Formatting again changes nothing (VS Code answers undefined for no edits).
      const again = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', document.uri, {
        tabSize: 2,
        insertSpaces: true,
      });
      assert.deepEqual(
        (again ?? []).filter((e) => document.getText(e.range) !== e.newText),
        [],
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  describe('merge-field catalog', () => {
    it("completes merge fields after {{ inside a string: the catalog's and Iterable's standard ones", async () => {
      // A catalog field flagged unknown proves the server has read the catalog.
      await open('catalog.regal.json');
      await waitForDiagnostics(fixture('catalog.regal.json'), having('unknown-merge-field'), 'the catalog to be read');
      const { document } = await open('complete.regal.json');
      const position = document.positionAt(document.getText().indexOf('"{{}}"') + 3);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      const labels = list.items.map(labelOf);
      for (const field of ['editing_tier', 'email', 'userId', 'phoneNumber', 'signupDate'])
        assert.ok(labels.includes(field), `${field} among ${JSON.stringify(labels)}`);
      const tier = list.items.find((item) => labelOf(item) === 'editing_tier')!;
      // The field goes between the braces, and the existing `}}` is not doubled.
      const insert = typeof tier.insertText === 'string' ? tier.insertText : tier.insertText?.value;
      assert.equal(insert ?? labelOf(tier), 'editing_tier');
    });

    it('flags a field missing from the catalog and forgets it once the catalog on disk gains it', async () => {
      const uri = fixture('catalog.regal.json');
      await open('catalog.regal.json');
      const [unknown] = (await waitForDiagnostics(uri, having('unknown-merge-field'), 'unknown-merge-field')).filter(
        (d) => codeOf(d) === 'unknown-merge-field',
      );
      assert.match(unknown.message, /"editing_region"/);
      assert.equal(unknown.severity, vscode.DiagnosticSeverity.Warning);

      const catalog = fixture('iterable-fields.json');
      const fields = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(catalog))) as { fields: Record<string, string> };
      fields.fields.editing_region = 'string';
      await vscode.workspace.fs.writeFile(catalog, new TextEncoder().encode(`${JSON.stringify(fields, null, 2)}\n`));
      await waitForDiagnostics(uri, without('unknown-merge-field'), 'unknown-merge-field to go after the catalog changed on disk');
    });
  });

  describe('cross-file checks', () => {
    it('warns about a property sent as two types, pointing at the other file, until an unsaved edit agrees', async () => {
      const a = fixture('types-a.regal.json');
      const b = fixture('types-b.regal.json');
      const { document: documentA } = await open('types-a.regal.json');
      await open('types-b.regal.json');
      const [warning] = (await waitForDiagnostics(b, having('inconsistent-type'), 'inconsistent-type')).filter((d) => codeOf(d) === 'inconsistent-type');
      assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(warning.message, /editingScore/);
      const related = warning.relatedInformation ?? [];
      assert.ok(
        related.some((r) => r.location.uri.toString() === a.toString()),
        `related information points at ${a.path}: ${JSON.stringify(related.map((r) => r.location.uri.path))}`,
      );
      const there = related.find((r) => r.location.uri.toString() === a.toString())!;
      assert.equal(documentA.getText(there.location.range), '5');

      // A's number becomes a string, unsaved: B is compared with the editor's text.
      const edit = new vscode.WorkspaceEdit();
      edit.replace(a, there.location.range, '"5"');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(documentA.isDirty);
      await waitForDiagnostics(b, without('inconsistent-type'), 'inconsistent-type to go from types-b');
      await waitForDiagnostics(a, without('inconsistent-type'), 'inconsistent-type to go from types-a');
    });
  });
});
