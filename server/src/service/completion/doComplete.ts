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
import { renderedViewAt } from './renderedView';
import { itemsOf, propertySchema, subschemaAt } from './schemaNavigation';
import { templateCompletions } from './templateCompletions';
import { valueCompletions } from './valueCompletions';

export function doComplete(document: TextDocument, position: Position, analysis: PayloadAnalysis, schema: SchemaValidator, workspace: WorkspaceContext): CompletionList {
  return { isIncomplete: false, items: completionItems(document, position, analysis, schema, workspace) };
}

function completionItems(document: TextDocument, position: Position, analysis: PayloadAnalysis, schema: SchemaValidator, workspace: WorkspaceContext): CompletionItem[] {
  const { template } = analysis;
  const source = template.text;
  // offsetAt clamps positions beyond a line or the document.
  const offset = Math.min(Math.max(document.offsetAt(position), 0), source.length);

  const inMustache = mustacheCursorAt(source, template.mustaches, offset);
  if (inMustache) return templateCompletions(document, template, inMustache, workspace);
  // Inside a closed mustache's braces or tag, nothing JSON applies.
  if (insideTag(template.mustaches, offset)) return [];

  // The JSON around the cursor as the view that renders the cursor's branch reads it.
  const rendered = renderedViewAt(analysis, offset);
  if (!rendered) return [];
  const cursor = jsonCursorAt(rendered.root, rendered.view.text, source, offset);
  if (!cursor) return [];
  const range = { start: document.positionAt(cursor.replace.start), end: document.positionAt(cursor.replace.end) };
  const containerSchema = subschemaAt(schema.inlinedSchema, cursor.containerPath);
  let items: CompletionItem[];
  if (cursor.kind === 'key') items = propertyCompletions(cursor, containerSchema, range, workspace);
  else {
    const valueSchema = !containerSchema
      ? undefined
      : cursor.container.type === 'array'
        ? itemsOf(containerSchema)
        : cursor.key !== undefined
          ? propertySchema(containerSchema, cursor.key)
          : undefined;
    items = valueCompletions(cursor, valueSchema, range, source, workspace);
  }
  return cursor.commaBefore === undefined ? items : items.map((item) => withCommaBefore(item, document, cursor.commaBefore as number, cursor.replace.start));
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
