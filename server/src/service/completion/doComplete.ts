/**
 * Completion for payload templates. Inside a mustache it completes Handlebars (merge fields,
 * helpers, block names); elsewhere it completes JSON from the Regal schema (keys with value
 * skeletons, values). Everything reads the cached analysis: no re-parse, and the only scan is of
 * the cursor's container up to the cursor (jsonCursor.ts).
 */
import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PayloadAnalysis } from '../payloadAnalysis';
import type { SchemaValidator } from '../schema/schemaValidator';
import type { WorkspaceContext } from '../workspace/workspaceContext';
import { jsonCursorAt } from './jsonCursor';
import type { Mustache } from '../template/mustacheScanner';
import { lastStartingBefore } from '../template/mustacheLookup';
import { mustacheCursorAt } from './mustacheCursor';
import { propertyCompletions } from './propertyCompletions';
import { renderedViewAt } from '../renderedView';
import { itemsOf, propertySchema, subschemaAt } from '../schema/schemaModel';
import { templateCompletions } from './templateCompletions';
import { valueCompletions } from './valueCompletions';

/**
 * The list is incomplete when candidates that grow with the workspace (merge fields, custom traits,
 * event names) were cut to the best matches of what is typed (completionLimit.ts).
 */
export function doComplete(
  document: TextDocument,
  position: Position,
  analysis: PayloadAnalysis,
  schema: SchemaValidator,
  workspace: WorkspaceContext,
  triggerCharacter?: string,
): CompletionList {
  const { isIncomplete, items } = completionList(document, position, analysis, schema, workspace, triggerCharacter);
  const cursor = document.positionAt(document.offsetAt(position));
  return { isIncomplete, items: items.map((item) => onCursorLine(item, document, cursor)) };
}

/**
 * VS Code drops an item whose edit spans lines or lies off the cursor's line. A token can reach
 * another line through a mustache (the key `"t{{!c⏎}}"`): then only its part on the cursor's line
 * is replaced.
 */
function onCursorLine(item: CompletionItem, document: TextDocument, cursor: Position): CompletionItem {
  const edit = item.textEdit;
  if (!edit || !('range' in edit)) return item;
  const { start, end } = edit.range;
  if (start.line === cursor.line && end.line === cursor.line) return item;
  const line = document.getText({ start: { line: cursor.line, character: 0 }, end: { line: cursor.line + 1, character: 0 } });
  const lineEnd = { line: cursor.line, character: line.replace(/(\r\n|\r|\n)$/, '').length };
  const range = {
    start: start.line < cursor.line ? { line: cursor.line, character: 0 } : start,
    end: end.line > cursor.line ? lineEnd : end,
  };
  return { ...item, textEdit: { ...edit, range } };
}

/**
 * `{` and space are trigger characters for Handlebars (`{{`, `{{#if `): typed in the JSON itself they
 * open no list, as in VS Code's JSON, so Enter after a `{` starts a new line instead of accepting a key.
 */
const HANDLEBARS_ONLY_TRIGGERS = new Set(['{', ' ']);

function completionList(
  document: TextDocument,
  position: Position,
  analysis: PayloadAnalysis,
  schema: SchemaValidator,
  workspace: WorkspaceContext,
  triggerCharacter?: string,
): CompletionList {
  const { template } = analysis;
  const source = template.text;
  // offsetAt clamps positions beyond a line or the document.
  const offset = Math.min(Math.max(document.offsetAt(position), 0), source.length);

  const inMustache = mustacheCursorAt(source, template.mustaches, offset);
  if (inMustache) return templateCompletions(document, template, inMustache, workspace);
  if (triggerCharacter !== undefined && HANDLEBARS_ONLY_TRIGGERS.has(triggerCharacter)) return nothing();
  // Inside a closed mustache's braces or tag, nothing JSON applies.
  if (insideTag(template.mustaches, offset)) return nothing();

  // The JSON around the cursor as the view that renders the cursor's branch reads it.
  const rendered = renderedViewAt(analysis, offset);
  if (!rendered) return nothing();
  const cursor = jsonCursorAt(rendered.root, rendered.view.text, source, offset);
  if (!cursor) return nothing();
  const range = { start: document.positionAt(cursor.replace.start), end: document.positionAt(cursor.replace.end) };
  const containerSchema = subschemaAt(schema.inlinedSchema, cursor.containerPath);
  // What the editor filters with: the replaced token from its start (a string's opening quote) to the cursor.
  const typed = source.slice(cursor.replace.start, Math.max(cursor.replace.start, offset));
  let list: CompletionList;
  if (cursor.kind === 'key') list = propertyCompletions(cursor, containerSchema, range, workspace, typed);
  else {
    const valueSchema = !containerSchema
      ? undefined
      : cursor.container.type === 'array'
        ? itemsOf(containerSchema)
        : cursor.key !== undefined
          ? propertySchema(containerSchema, cursor.key)
          : undefined;
    list = valueCompletions(cursor, valueSchema, range, source, workspace, typed, template);
  }
  if (cursor.commaBefore === undefined) return list;
  return { ...list, items: list.items.map((item) => withCommaBefore(item, document, cursor.commaBefore as number, cursor.replace.start)) };
}

function nothing(): CompletionList {
  return { isIncomplete: false, items: [] };
}

/**
 * Adds the `,` that separates the completed member from the one before it: in the inserted text
 * when the previous member ends where the completion starts (`"x"|` → `"x", "userId": …`), else
 * as an extra edit right after it, so that a new line starts with the key, not with a comma.
 */
function withCommaBefore(item: CompletionItem, document: TextDocument, at: number, replaceStart: number): CompletionItem {
  const edit = item.textEdit;
  if (!edit) return item;
  if (at === replaceStart) return { ...item, textEdit: { ...edit, newText: `, ${edit.newText}` } };
  const position = document.positionAt(at);
  return { ...item, additionalTextEdits: [...(item.additionalTextEdits ?? []), { range: { start: position, end: position }, newText: ',' }] };
}

/** The offset lies inside a mustache (its braces, a block tag, a comment) that completion does not handle. */
function insideTag(mustaches: readonly Mustache[], offset: number): boolean {
  const index = lastStartingBefore(mustaches, offset);
  return index !== -1 && offset < mustaches[index].end;
}
