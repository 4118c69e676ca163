/**
 * Completion test helpers: request completion at a `|` cursor marker, and apply an item the way
 * VS Code does (its textEdit or insertText, then additionalTextEdits), with the snippet resolved
 * to plain text: every tab stop keeps its default (the first choice, the placeholder text, nothing
 * for `$1`), and the lines after the first are indented like the line the edit starts on, a tab
 * standing for two spaces.
 */
import assert from 'node:assert/strict';
import { InsertTextFormat, type CompletionItem, type CompletionList, type Range, type TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceContext } from '../../server/src/service/workspace/workspaceContext';
import { documentOf, service } from './service';

export const CURSOR = '|';

/** Splits `text` at its one `|` marker. */
export function cursorIn(withMarker: string): { text: string; offset: number } {
  const offset = withMarker.indexOf(CURSOR);
  assert.notEqual(offset, -1, `no ${CURSOR} cursor marker in ${JSON.stringify(withMarker)}`);
  assert.equal(withMarker.indexOf(CURSOR, offset + 1), -1, `more than one ${CURSOR} in ${JSON.stringify(withMarker)}`);
  return { text: withMarker.slice(0, offset) + withMarker.slice(offset + 1), offset };
}

export interface Completion {
  document: TextDocument;
  list: CompletionList;
  labels: string[];
  item(label: string): CompletionItem;
  /** The document text after applying the item with this label. */
  apply(label: string): string;
}

export function complete(withMarker: string, workspace?: WorkspaceContext, uri?: string): Completion {
  const { text, offset } = cursorIn(withMarker);
  const document = documentOf(text, uri);
  const list = service.doComplete(document, document.positionAt(offset), workspace);
  const item = (label: string) => {
    const found = list.items.find((i) => i.label === label);
    assert.ok(found, `no completion ${JSON.stringify(label)}; got ${JSON.stringify(list.items.map((i) => i.label))}`);
    return found;
  };
  return { document, list, labels: list.items.map((i) => i.label), item, apply: (label) => applyItem(document, item(label)) };
}

export function applyItem(document: TextDocument, item: CompletionItem): string {
  const edits: TextEdit[] = [];
  const snippet = item.insertTextFormat === InsertTextFormat.Snippet;
  const main = item.textEdit;
  if (main) {
    const range: Range = 'range' in main ? main.range : main.replace;
    edits.push({ range, newText: main.newText });
  } else {
    throw new Error(`completion ${item.label} has no textEdit (the service always replaces a range)`);
  }
  const text = document.getText();
  const first = edits[0];
  const lineStart = document.offsetAt({ line: first.range.start.line, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const resolved = snippet ? resolveSnippet(first.newText) : first.newText;
  edits[0] = { range: first.range, newText: resolved.replace(/\t/g, '  ').replace(/\n/g, `\n${indent}`) };
  for (const extra of item.additionalTextEdits ?? []) edits.push(extra);
  return TextDocument.applyEdits(document, edits);
}

/** Snippet text with every tab stop at its default. */
export function resolveSnippet(snippet: string): string {
  let out = '';
  let i = 0;
  const digits = () => {
    while (/\d/.test(snippet[i] ?? '')) i++;
  };
  while (i < snippet.length) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '\\$}'.includes(snippet[i + 1])) {
      out += snippet[i + 1];
      i += 2;
    } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      i++;
      digits();
    } else if (c === '$' && snippet[i + 1] === '{') {
      i += 2;
      digits();
      const mode = snippet[i++];
      let value = '';
      let done = false;
      while (i < snippet.length && snippet[i] !== '}') {
        if (snippet[i] === '\\' && i + 1 < snippet.length) {
          if (!done) value += snippet[i + 1];
          i += 2;
          continue;
        }
        if (mode === '|' && (snippet[i] === ',' || snippet[i] === '|')) done = true;
        else if (!done) value += snippet[i];
        i++;
      }
      i++;
      if (mode === ':' || mode === '|') out += value;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
