/**
 * Hover for payload templates: inside `{{ }}` it explains the helper or merge field under the
 * cursor; elsewhere the JSON key or value, from the Regal schema. Never throws: a hover that
 * fails is no hover.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PayloadAnalysis } from '../payloadAnalysis';
import type { SchemaValidator } from '../schema/schemaValidator';
import type { WorkspaceContext } from '../workspace/workspaceContext';
import { renderedViewAt } from '../renderedView';
import { jsonHover } from './jsonHover';
import { mustacheIndexAt } from '../template/mustacheLookup';
import { templateHover } from './templateHover';
import { ignoreInternalErrors, type InternalErrorHandler } from '../util/internalErrors';

export function doHover(
  document: TextDocument,
  position: Position,
  analysis: PayloadAnalysis,
  schema: SchemaValidator,
  workspace: WorkspaceContext,
  onError: InternalErrorHandler = ignoreInternalErrors,
): Hover | null {
  try {
    const offset = offsetOf(document, position);
    if (offset === undefined) return null;
    const lineOf = (o: number) => document.positionAt(o).line;
    // Inside a mustache only the template is explained (a comment or an unclosed tag gets no hover).
    const inMustache = mustacheIndexAt(analysis.template.mustaches, offset) !== -1;
    // JSON in an `{{else}}` branch or `{{#unless}}` body is read in the view that renders it.
    const root = inMustache ? undefined : renderedViewAt(analysis, offset)?.root;
    const found = inMustache
      ? templateHover(analysis.template, offset, workspace, lineOf)
      : root && analysis.index
        ? jsonHover(root, offset, analysis.index, schema.inlinedSchema, workspace)
        : undefined;
    if (!found) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: found.markdown },
      range: { start: document.positionAt(found.start), end: document.positionAt(found.end) },
    };
  } catch (error) {
    onError('hover', error);
    return null;
  }
}

/** The offset of a position inside the document, or undefined for a position past a line's end or the last line. */
function offsetOf(document: TextDocument, position: Position): number | undefined {
  if (!Number.isInteger(position.line) || !Number.isInteger(position.character)) return undefined;
  if (position.line < 0 || position.character < 0 || position.line >= document.lineCount) return undefined;
  const offset = document.offsetAt(position);
  const back = document.positionAt(offset);
  return back.line === position.line && back.character === position.character ? offset : undefined;
}
