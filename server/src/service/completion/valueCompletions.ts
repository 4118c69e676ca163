/**
 * Value completion for a property value or an array item: the schema's enum values (`channel`),
 * `true`/`false` plus a template that renders a real boolean from a merge field, the schema's
 * examples (`eventSource`: `iterable`), the event names other payload files send (for `name`), and
 * skeletons for objects and arrays (the schema's defaultSnippets, or one item of `optIn`). A custom
 * trait or event property, which the schema says nothing about, gets the strings other payload
 * files send for the same key and merge fields in quotes (`"{{plan}}"`): always JSON strings, never
 * a bare word, which would be invalid JSON.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-types';
import type { TemplateModel } from '../template/templateModel';
import { STANDARD_TRAITS } from '../workspace/payloadFacts';
import type { WorkspaceContext } from '../workspace/workspaceContext';
import { bestCandidates, MAX_COMPLETION_ITEMS, positionWidth } from './completionLimit';
import type { JsonCursor } from './jsonCursor';
import { fileNameOf, MAX_FILES_LISTED, mergeFieldCandidates } from './mergeFieldCandidates';
import { fieldDetail, fieldDocumentation, fieldRank, fieldSort, writtenName } from './templateCompletions';
import { defaultSnippetsOf, enumOf, examplesOf, markdownOf, typesOf, type SchemaNode } from '../schema/schemaModel';
import { escapeSnippet, plainTextOf, valueSkeleton } from './valueSkeleton';

/** The boolean template the README and the quick fixes recommend (docs/iterable.md §2.4, inference 1). */
export const BOOLEAN_TEMPLATE_LABEL = '{{#if field}}true{{else}}false{{/if}}';

interface ValueCandidate {
  label: string;
  /** Snippet text of the value. */
  text: string;
  kind: CompletionItemKind;
  detail?: string;
  documentation?: string;
  /** An event name, value or merge field of the workspace: there may be thousands, so the list may be cut. */
  fromWorkspace?: boolean;
  /** What the editor filters with, when not the label without its quotes. */
  filterText?: string;
}

/**
 * `typed` is the value typed before the cursor: when the workspace sends more event names than a
 * list holds (completionLimit.ts), those that best match it are kept and the list is incomplete.
 * The schema's values, a handful, are always listed.
 */
export function valueCompletions(
  cursor: JsonCursor,
  schema: SchemaNode | undefined,
  range: Range,
  source: string,
  workspace: WorkspaceContext,
  typed: string,
  template?: TemplateModel,
): CompletionList {
  // A string that already holds a template is edited, not replaced by a suggestion.
  if (source.slice(cursor.replace.start, cursor.replace.end).includes('{{')) return { isIncomplete: false, items: [] };
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
  const custom = customKey(cursor);
  if (custom) {
    for (const candidate of sentValues(custom, workspace)) add(candidate);
    if (template) for (const candidate of quotedMergeFields(custom, template, workspace)) add(candidate);
  }
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
    add({
      label: JSON.stringify(value),
      text: escapeSnippet(JSON.stringify(value)),
      kind: CompletionItemKind.Value,
      detail: 'example from the Regal schema',
      documentation,
    });
  }
  if (schema && !cursor.inString) {
    for (const snippet of defaultSnippetsOf(schema)) {
      add({
        label: snippet.label ?? 'snippet',
        text: valueSkeleton(schema, { value: snippet.body }),
        kind: CompletionItemKind.Snippet,
        detail: snippet.description,
        documentation,
      });
    }
    if (types.includes('object') || types.includes('array')) {
      const text = valueSkeleton(schema);
      add({ label: plainTextOf(text).replace(/\s+/g, ' '), text, kind: CompletionItemKind.Module, documentation });
    }
  }
  const width = positionWidth(candidates.length);
  const numbered = candidates.map((candidate, index) => ({ candidate, sortText: String(index).padStart(width, '0') }));
  const fixed = numbered.filter((n) => !n.candidate.fromWorkspace);
  const { kept, cut } = bestCandidates(
    numbered.filter((n) => n.candidate.fromWorkspace),
    MAX_COMPLETION_ITEMS - fixed.length,
    typed,
    (n) => filterTextOf(cursor, n.candidate),
    (n) => n.sortText,
  );
  // Event names come first (they are added first): keep that order.
  const items = [...kept, ...fixed].map(({ candidate, sortText }) => {
    const item: CompletionItem = {
      label: candidate.label,
      kind: candidate.kind,
      sortText,
      filterText: filterTextOf(cursor, candidate),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: `${cursor.spaceBefore}${candidate.text}${cursor.separatorAfter}` },
    };
    if (candidate.detail) item.detail = candidate.detail;
    if (candidate.documentation) item.documentation = { kind: MarkupKind.Markdown, value: candidate.documentation };
    return item;
  });
  return { isIncomplete: cut, items };
}

/** Editors filter on the text from the range start (the opening quote inside a string) to the cursor. */
function filterTextOf(cursor: JsonCursor, candidate: ValueCandidate): string {
  const text = candidate.filterText ?? bare(candidate.label);
  return cursor.inString ? `"${text}"` : text;
}

function bare(label: string): string {
  return label.length >= 2 && label.startsWith('"') && label.endsWith('"') ? label.slice(1, -1) : label;
}

/** `traits.plan` for the value of a custom trait `plan`, `properties.x` for an event property `x`: keys the schema leaves open. */
function customKey(cursor: JsonCursor): string | undefined {
  const path = cursor.containerPath;
  if (cursor.container.type !== 'object' || cursor.key === undefined || cursor.key.includes('{{') || path.length !== 1) return undefined;
  if (path[0] === 'properties' || (path[0] === 'traits' && !STANDARD_TRAITS.has(cursor.key))) return `${path[0]}.${cursor.key}`;
  return undefined;
}

/** The strings other payload files send for the same key (`"gold"`, `"{{plan}}"`), each once, as they write them. */
function sentValues(key: string, workspace: WorkspaceContext): ValueCandidate[] {
  const files = new Map<string, string[]>();
  for (const file of workspace.files) {
    const written = file.stringValues?.get(key);
    if (written === undefined || !written.startsWith('"') || !written.endsWith('"') || written.length < 2) continue;
    const list = files.get(written) ?? [];
    list.push(fileNameOf(file.uri));
    files.set(written, list);
  }
  const what = key.startsWith('traits.') ? 'custom trait' : 'event property';
  return [...files].map(([written, usedIn]) => {
    const listed = usedIn
      .slice(0, MAX_FILES_LISTED)
      .map((f) => `\`${f}\``)
      .join(', ');
    const more = usedIn.length > MAX_FILES_LISTED ? ` and ${usedIn.length - MAX_FILES_LISTED} more` : '';
    return {
      label: written,
      text: escapeSnippet(written),
      kind: CompletionItemKind.Value,
      detail: `sent by ${usedIn[0]}${usedIn.length > 1 ? ` (+${usedIn.length - 1})` : ''}`,
      documentation: `The value other payloads send for this ${what} (${listed}${more}). Regal fixes a property's type the first time it sees it: send the same type here.`,
      fromWorkspace: true,
    };
  });
}

/**
 * Merge fields as a JSON string (`"{{plan}}"`): the catalog's, Iterable's standard fields, those of
 * the other payload files and of this file. A field named like the key comes first.
 */
function quotedMergeFields(key: string, template: TemplateModel, workspace: WorkspaceContext): ValueCandidate[] {
  const name = key.slice(key.indexOf('.') + 1).toLowerCase();
  const closeness = (field: string) => {
    const lower = field.toLowerCase();
    if (lower === name) return '0';
    // `plan` → `planName`; a key or field of one or two letters is in too many names to tell.
    return Math.min(lower.length, name.length) >= 3 && (lower.includes(name) || name.includes(lower)) ? '1' : '2';
  };
  return mergeFieldCandidates(template, -1, workspace)
    .map((field) => ({ field, order: `${closeness(field.name)}${fieldSort(field)}${fieldRank(field)}` }))
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
    .map(({ field }) => {
      const written = `"{{${writtenName(field.name)}}}"`;
      return {
        label: written,
        text: escapeSnippet(written),
        kind: CompletionItemKind.Variable,
        detail: fieldDetail(field) || 'merge field',
        documentation: `${fieldDocumentation(field)}\n\nSent as a JSON string: the quotes keep the payload valid JSON when the field is blank.`,
        filterText: writtenName(field.name),
        fromWorkspace: true,
      };
    });
}

/** The top-level `name`: the event Regal records. */
function isEventName(cursor: JsonCursor): boolean {
  return cursor.key === 'name' && cursor.containerPath.length === 0;
}

/**
 * Event names the workspace's other payload files send, each once, in workspace order, with the
 * files that send them (a Set: a name thousands of files send is no quadratic search; the
 * documentation lists the first few, as a merge field's does).
 */
function eventNames(workspace: WorkspaceContext): ValueCandidate[] {
  const files = new Map<string, Set<string>>();
  for (const file of workspace.files) {
    for (const { name } of file.eventNames) {
      const set = files.get(name) ?? new Set<string>();
      set.add(fileNameOf(file.uri));
      files.set(name, set);
    }
  }
  return [...files].map(([name, set]) => {
    const usedIn = [...set];
    const listed = usedIn
      .slice(0, MAX_FILES_LISTED)
      .map((f) => `\`${f}\``)
      .join(', ');
    const more = usedIn.length > MAX_FILES_LISTED ? ` and ${usedIn.length - MAX_FILES_LISTED} more` : '';
    return {
      label: JSON.stringify(name),
      text: escapeSnippet(JSON.stringify(name)),
      kind: CompletionItemKind.Value,
      detail: `event name used in ${usedIn[0]}${usedIn.length > 1 ? ` (+${usedIn.length - 1})` : ''}`,
      documentation: `An event name other payloads send (${listed}${more}). Regal's event names are case-sensitive: reuse the exact spelling so journeys triggered by it see every event.`,
      fromWorkspace: true,
    };
  });
}
