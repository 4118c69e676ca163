/**
 * Typing a payload by hand, character by character through VS Code's `type` command (the path a
 * keystroke takes: auto-closing, overtyping, suggestion triggers), must give exactly what was typed.
 * Each sequence runs with the suggestion list left alone and with it opened (`triggerSuggest`) after
 * every `{{`; the list's items come from the language server, which is asked once to have answered
 * before typing goes on (the widget itself cannot be observed from the extension API).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'regal-webhook-tools.regal-webhook';

interface Sequence {
  title: string;
  /** What is typed, after the `{`+Enter that opens the payload. */
  typed: string;
}

const sequences: Sequence[] = [
  { title: 'a merge field inside a string', typed: '"note": "{{firstName}}"' },
  { title: 'a boolean block outside a string', typed: '"subscribed": {{#if voice}}true{{else}}false{{/if}}' },
  { title: 'a triple-stash', typed: '"bio": "{{{bio}}}"' },
  { title: 'a block tag inside a string', typed: '"tier": "{{#if vip}}gold{{else}}basic{{/if}}"' },
  { title: 'a helper with a quoted argument', typed: '"src": "{{defaultIfEmpty leadSource \'web\'}}"' },
];

async function newPayload(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'regal-webhook', content: '' });
  return vscode.window.showTextDocument(document);
}

async function type(text: string, withSuggestions: boolean, editor: vscode.TextEditor): Promise<void> {
  for (let i = 0; i < text.length; i++) {
    await vscode.commands.executeCommand('type', { text: text[i] });
    if (withSuggestions && text.slice(i - 1, i + 1) === '{{') {
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active);
    }
  }
}

describe('Regal typing', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('hideSuggestWidget');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  for (const withSuggestions of [false, true]) {
    for (const { title, typed } of sequences) {
      it(`${title}, ${withSuggestions ? 'with' : 'without'} the suggestion list: exactly what was typed`, async () => {
        const editor = await newPayload();
        await type('{', withSuggestions, editor);
        await vscode.commands.executeCommand('type', { text: '\n' });
        await type(typed, withSuggestions, editor);
        await vscode.commands.executeCommand('hideSuggestWidget');
        // Auto-closing added the object's `}` on the line below; everything typed is on the middle line.
        const lines = editor.document.getText().split('\n');
        assert.equal(lines[0], '{');
        assert.equal(lines[1]?.trim(), typed, editor.document.getText());
        assert.equal(lines.slice(2).join('\n').trim(), '}', editor.document.getText());
      });
    }
  }

  it('Enter after a { starts a new line: no suggestion is accepted', async () => {
    const editor = await newPayload();
    await vscode.commands.executeCommand('type', { text: '{' });
    // The `{` trigger reaches the server; it answers with no items outside a mustache.
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      editor.selection.active,
      '{',
    );
    assert.deepEqual(
      list.items.filter((item) => item.kind !== vscode.CompletionItemKind.Snippet && item.kind !== vscode.CompletionItemKind.Text),
      [],
    );
    await vscode.commands.executeCommand('type', { text: '\n' });
    assert.match(editor.document.getText(), /^\{\s*\}$/, editor.document.getText());
  });
});
