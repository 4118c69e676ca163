/**
 * Value completion for a property value or an array item: the schema's enum values (`channel`),
 * `true`/`false` plus a template that renders a real boolean from a merge field, the schema's
 * examples (`eventSource`: `iterable`), the event names other payload files send (for `name`), and
 * skeletons for objects and arrays (the schema's defaultSnippets, or one item of `optIn`).
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { WorkspaceContext } from '../workspace/workspaceContext';
import type { JsonCursor } from './jsonCursor';
import { fileNameOf } from './mergeFieldCandidates';
import { defaultSnippetsOf, enumOf, examplesOf, markdownOf, typesOf, type SchemaNode } from './schemaNavigation';
import { escapeSnippet, plainTextOf, valueSkeleton } from './valueSkeleton';

/** The boolean template the README and the quick fixes recommend (domain.md §2.4, inference 1). */
export const BOOLEAN_TEMPLATE_LABEL = '{{#if field}}true{{else}}false{{/if}}';

interface ValueCandidate {
  label: string;
  /** Snippet text of the value. */
  text: string;
  kind: CompletionItemKind;
  detail?: string;
  documentation?: string;
}

export function valueCompletions(cursor: JsonCursor, schema: SchemaNode | undefined, range: Range, source: string, workspace: WorkspaceContext): CompletionItem[] {
  const typed = source.slice(cursor.replace.start, cursor.replace.end);
  // A string that already holds a template is edited, not replaced by a suggestion.
  if (typed.includes('{{')) return [];
  const candidates: ValueCandidate[] = [];
  const seen = new Set<string>();
  const add = (candidate: ValueCandidate) => {
    if (seen.has(candidate.text)) return;
    seen.add(candidate.text);
    candidates.push(candidate);
  };
  const documentation = schema ? markdownOf(schema) : undefined;
  const types = schema ? typesOf(schema) : [];

  if (isEventName(cursor)) for (const candidate of eventNames(workspace)) add(candidate);
  for (const value of schema ? enumOf(schema) : []) {
    add({ label: JSON.stringify(value), text: escapeSnippet(JSON.stringify(value)), kind: CompletionItemKind.EnumMember, documentation });
  }
  if (types.includes('boolean')) {
    for (const value of ['true', 'false']) add({ label: value, text: value, kind: CompletionItemKind.Value, documentation });
    add({
      label: BOOLEAN_TEMPLATE_LABEL,
      text: '{{#if ${1:field}\\}\\}true{{else\\}\\}false{{/if\\}\\}',
      kind: CompletionItemKind.Snippet,
      detail: 'a real boolean from a merge field',
      documentation:
        'Renders the JSON boolean `true` when the merge field is truthy and `false` otherwise, so the payload stays valid JSON when the field is missing (a bare `{{field}}` would leave `"subscribed": ,`) and Regal receives a boolean, not the string `"true"`.',
    });
  }
  for (const value of schema ? examplesOf(schema) : []) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    add({ label: JSON.stringify(value), text: escapeSnippet(JSON.stringify(value)), kind: CompletionItemKind.Value, detail: 'example from the Regal schema', documentation });
  }
  if (schema && !cursor.inString) {
    for (const snippet of defaultSnippetsOf(schema)) {
      add({ label: snippet.label ?? 'snippet', text: valueSkeleton(schema, { value: snippet.body }), kind: CompletionItemKind.Snippet, detail: snippet.description, documentation });
    }
    if (types.includes('object') || types.includes('array')) {
      const text = valueSkeleton(schema);
      add({ label: plainTextOf(text).replace(/\s+/g, ' '), text, kind: CompletionItemKind.Module, documentation });
    }
  }
  return candidates.map((candidate, index) => {
    const item: CompletionItem = {
      label: candidate.label,
      kind: candidate.kind,
      sortText: String(index).padStart(3, '0'),
      // Editors filter on the text from the range start (the opening quote inside a string) to the cursor.
      filterText: cursor.inString ? `"${bare(candidate.label)}"` : bare(candidate.label),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: `${cursor.spaceBefore}${candidate.text}${cursor.separatorAfter}` },
    };
    if (candidate.detail) item.detail = candidate.detail;
    if (candidate.documentation) item.documentation = { kind: MarkupKind.Markdown, value: candidate.documentation };
    return item;
  });
}

function bare(label: string): string {
  return label.length >= 2 && label.startsWith('"') && label.endsWith('"') ? label.slice(1, -1) : label;
}

/** The top-level `name`: the event Regal records. */
function isEventName(cursor: JsonCursor): boolean {
  return cursor.key === 'name' && cursor.containerPath.length === 0;
}

/** Event names the workspace's other payload files send, each once, in workspace order. */
function eventNames(workspace: WorkspaceContext): ValueCandidate[] {
  const files = new Map<string, string[]>();
  for (const file of workspace.files) {
    for (const { name } of file.eventNames) {
      const list = files.get(name) ?? [];
      const fileName = fileNameOf(file.uri);
      if (!list.includes(fileName)) list.push(fileName);
      files.set(name, list);
    }
  }
  return [...files].map(([name, usedIn]) => ({
    label: JSON.stringify(name),
    text: escapeSnippet(JSON.stringify(name)),
    kind: CompletionItemKind.Value,
    detail: `event name used in ${usedIn[0]}${usedIn.length > 1 ? ` (+${usedIn.length - 1})` : ''}`,
    documentation: `An event name other payloads send (${usedIn.map((f) => `\`${f}\``).join(', ')}). Regal's event names are case-sensitive: reuse the exact spelling so journeys triggered by it see every event.`,
  }));
}
