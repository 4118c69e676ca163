/**
 * Applies the TextEdits of a code action's WorkspaceEdit to a text, as a client does: all ranges
 * refer to the original text, and they must not overlap.
 */
import assert from 'node:assert/strict';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const document = TextDocument.create('file:///apply', 'regal-webhook', 0, text);
  const sorted = edits
    .map((edit) => ({ start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].start >= sorted[i - 1].end, `overlapping edits: ${JSON.stringify(edits)}`);
  let result = '';
  let at = 0;
  for (const edit of sorted) {
    result += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return result + text.slice(at);
}

/** Applies a code action's edit for `uri`; fails when the action edits another document or has no edit. */
export function applyAction(text: string, action: CodeAction, uri: string): string {
  const changes = action.edit?.changes;
  assert.ok(changes, `the action "${action.title}" has no edit.changes`);
  assert.deepEqual(Object.keys(changes), [uri], `the action "${action.title}" edits another document`);
  return applyEdits(text, changes[uri]);
}
