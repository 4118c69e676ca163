/**
 * `Regal: Preview Rendered Payload` in a real VS Code: the preview opens beside the payload as a
 * read-only jsonc document with the payload rendered with regal.sample.json, follows edits of the
 * payload and of the sample (unsaved edits count), says where the rendered text is not JSON, and says
 * when the sample file is missing. Every wait is on a VS Code event, bounded by a timeout.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const PREVIEW_SCHEME = 'regal-preview';

function withTimeout<T>(what: string, timeoutMs: number, start: (resolve: (value: T) => void) => vscode.Disposable, describeState: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    let subscription: vscode.Disposable | undefined;
    const timer = setTimeout(() => {
      subscription?.dispose();
      reject(new Error(`Timed out waiting for ${what}; now: ${describeState()}`));
    }, timeoutMs);
    subscription = start((value) => {
      clearTimeout(timer);
      subscription?.dispose();
      resolve(value);
    });
  });
}

/** The visible preview editor, as soon as there is one. */
function waitForPreviewEditor(timeoutMs = 30_000): Promise<vscode.TextEditor> {
  const find = () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === PREVIEW_SCHEME);
  return withTimeout<vscode.TextEditor>(
    'the preview editor',
    timeoutMs,
    (resolve) => {
      const subscription = vscode.window.onDidChangeVisibleTextEditors(() => {
        const editor = find();
        if (editor) resolve(editor);
      });
      const now = find();
      if (now) setImmediate(() => resolve(now));
      return subscription;
    },
    () => vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()).join(', '),
  );
}

/** The preview's text once it satisfies `accept` (now or after a change of the preview document). */
function waitForPreviewText(document: vscode.TextDocument, accept: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
  return withTimeout<string>(
    what,
    timeoutMs,
    (resolve) => {
      const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === document.uri.toString() && accept(event.document.getText())) resolve(event.document.getText());
      });
      if (accept(document.getText())) setImmediate(() => resolve(document.getText()));
      return subscription;
    },
    () => JSON.stringify(document.getText()),
  );
}

/** The JSON under the `//` header. */
function body(text: string): unknown {
  return JSON.parse(
    text
      .split('\n')
      .filter((line) => !line.startsWith('//'))
      .join('\n'),
  );
}

async function replaceInDocument(document: vscode.TextDocument, search: string, replacement: string): Promise<void> {
  const start = document.getText().indexOf(search);
  assert.ok(start >= 0, `${search} is in ${document.uri.path}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(start + search.length)), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applied');
}

describe('Regal preview', () => {
  let folder: vscode.WorkspaceFolder;
  let payload: vscode.TextDocument;
  let payloadEditor: vscode.TextEditor;
  let preview: vscode.TextDocument;

  before(async () => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the test workspace is open');
    folder = first;
    payload = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'preview.regal.json'));
    payloadEditor = await vscode.window.showTextDocument(payload, vscode.ViewColumn.One);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('regal').update('sampleData', undefined, vscode.ConfigurationTarget.Global);
  });

  it('opens the rendered payload beside the editor, as read-only jsonc with a header', async () => {
    const opened = waitForPreviewEditor();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('regal.previewRenderedPayload');
    const editor = await opened;
    preview = editor.document;
    assert.equal(preview.uri.toString(), uri?.toString());
    assert.equal(preview.languageId, 'jsonc');
    assert.notEqual(editor.viewColumn, payloadEditor.viewColumn, 'beside the payload');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), payload.uri.toString(), 'focus stays on the payload');

    const text = await waitForPreviewText(preview, (t) => t.includes('"traits"'), 'the rendered payload');
    const [first, second] = text.split('\n');
    assert.equal(first, '// Rendered preview.regal.json with sample data from regal.sample.json.');
    assert.match(second ?? '', /^\/\/ \{\{ \}\} HTML-escapes values as Iterable does/);
    assert.deepEqual(body(text), {
      userId: 'user-1815',
      traits: { phone: '+16505551234', firstName: 'Ada', optIn: [{ channel: 'voice', source: 'website', subscribed: true }] },
      name: 'Course Viewed',
      properties: { subject: 'Nursing' },
      eventSource: 'iterable',
    });
  });

  it('follows edits of the payload', async () => {
    await replaceInDocument(payload, '"Course Viewed"', '"Course Completed"');
    const text = await waitForPreviewText(preview, (t) => t.includes('"Course Completed"'), 'the edited event name');
    assert.equal((body(text) as { name: string }).name, 'Course Completed');
  });

  it('says where the rendered text is not valid JSON', async () => {
    await replaceInDocument(payload, '"Course Completed"', '{{missingField}}');
    const text = await waitForPreviewText(preview, (t) => t.includes('Not valid JSON'), 'the invalid-JSON header');
    // Line 10 of the rendered text is `  "name": ,`: the value is missing just before the comma.
    assert.match(
      text,
      /^\/\/ Not valid JSON: Value expected at line 10, column 11 of the rendered text \(line (\d+) of this preview\)\. Regal would reject it\.$/m,
    );
    const previewLine = Number(/\(line (\d+) of this preview\)/.exec(text)?.[1]);
    assert.equal(text.split('\n')[previewLine - 1], '  "name": ,');
    await replaceInDocument(payload, '{{missingField}}', '"Course Viewed"');
    await waitForPreviewText(preview, (t) => !t.includes('Not valid JSON') && t.includes('"Course Viewed"'), 'valid JSON again');
  });

  it('shows template errors with their position in the payload', async () => {
    await replaceInDocument(payload, '{{/if}}', '');
    const text = await waitForPreviewText(preview, (t) => t.includes('Cannot render'), 'the template error');
    assert.match(text, /^\/\/ Cannot render: \{\{#if\}\} is never closed: add \{\{\/if\}\}\. \(line 7, column \d+\) in preview\.regal\.json\.$/m);
    await replaceInDocument(payload, 'false }', 'false{{/if}} }');
    await waitForPreviewText(preview, (t) => !t.includes('Cannot render'), 'the template error to go');
  });

  it('follows unsaved edits of the sample file', async () => {
    const sample = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'regal.sample.json'));
    await replaceInDocument(sample, '"firstName": "Ada"', '"firstName": "Grace"');
    try {
      const text = await waitForPreviewText(preview, (t) => t.includes('"Grace"'), 'the edited sample');
      assert.equal((body(text) as { traits: { firstName: string } }).traits.firstName, 'Grace');
    } finally {
      // Other suites render with this sample: put it back exactly.
      await replaceInDocument(sample, '"firstName": "Grace"', '"firstName": "Ada"');
      await sample.save();
    }
    await waitForPreviewText(preview, (t) => t.includes('"Ada"'), 'the restored sample');
  });

  it('lists the merge fields that render blank with this sample on one header line', async () => {
    assert.ok(!preview.getText().includes('Blank with this sample'), 'every field has a value in regal.sample.json');
    await replaceInDocument(payload, '"{{preferredSubject}}"', '"{{preferredSubject}} {{nickname}} {{profile.preferredSubject}}"');
    const text = await waitForPreviewText(preview, (t) => t.includes('Blank with this sample'), 'the blank-fields line');
    const lines = text.split('\n').filter((l) => l.startsWith('// Blank'));
    // preferredSubject comes from the event; profile.preferredSubject reads the profile, which lacks it.
    assert.deepEqual(lines, ['// Blank with this sample: nickname, profile.preferredSubject']);
    await replaceInDocument(payload, '"{{preferredSubject}} {{nickname}} {{profile.preferredSubject}}"', '"{{preferredSubject}}"');
    await waitForPreviewText(preview, (t) => !t.includes('Blank with this sample'), 'the line to go');
  });

  it('says when the sample file is missing and renders the fields blank', async () => {
    await vscode.workspace.getConfiguration('regal').update('sampleData', 'missing.sample.json', vscode.ConfigurationTarget.Global);
    const text = await waitForPreviewText(preview, (t) => t.includes('No sample data'), 'the missing-sample header');
    assert.equal(
      text.split('\n')[1],
      '// No sample data: every field renders blank. Run "Regal: Create Sample Data" to write missing.sample.json with the fields this payload uses.',
    );
    assert.ok(!text.includes('Blank with this sample'), 'no list of every field');
    assert.deepEqual((body(text) as { traits: unknown }).traits, { phone: '', firstName: '', optIn: [{ channel: 'voice', source: '', subscribed: false }] });
    await vscode.workspace.getConfiguration('regal').update('sampleData', undefined, vscode.ConfigurationTarget.Global);
    await waitForPreviewText(preview, (t) => t.includes('"Ada"'), 'the sample again');
  });
});
