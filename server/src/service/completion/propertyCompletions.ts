/**
 * Key completion: the properties the schema declares for the object the cursor is in (plus the
 * keys of its defaultSnippets, such as `"{{phoneNumber}}"` under `phones`, and the custom traits and
 * event properties other payload files send), minus the keys already there. Each item inserts the
 * key and a value skeleton, replaces the whole key being typed, and re-opens suggestions when the
 * value is something to pick (an enum, a boolean, a string with known values, an empty object).
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-types';
import type { WorkspaceContext } from '../workspace/workspaceContext';
import { bestCandidates, MAX_COMPLETION_ITEMS, positionWidth } from './completionLimit';
import type { JsonCursor } from './jsonCursor';
import { fileNameOf } from './mergeFieldCandidates';
import {
  declaredProperties,
  defaultSnippetsOf,
  descriptionOf,
  enumOf,
  examplesOf,
  shapeOf,
  markdownOf,
  requiredOf,
  typesOf,
  type SchemaNode,
} from '../schema/schemaModel';
import { escapeSnippet, propertyValueSkeleton } from './valueSkeleton';

export const TRIGGER_SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** Ranks: required keys, then the payload shape in use, then the other shape, then keys other files send. */
const RANK = { required: '0', preferred: '1', other: '2', workspace: '3' } as const;

interface KeyCandidate {
  name: string;
  schema?: SchemaNode;
  /** A value to insert instead of the schema's skeleton (from a defaultSnippets body). */
  body?: { value: unknown };
  rank: string;
  detail?: string;
  documentation?: string;
}

/**
 * `typed` is the key typed before the cursor: when other files send more custom traits or event
 * properties than a list holds (completionLimit.ts), those that best match it are kept and the
 * list is incomplete. The schema's keys, a few dozen at most, are always listed.
 */
export function propertyCompletions(
  cursor: JsonCursor,
  objectSchema: SchemaNode | undefined,
  range: Range,
  workspace: WorkspaceContext,
  typed: string,
): CompletionList {
  const candidates = keyCandidates(cursor, objectSchema, workspace)
    .filter((c) => !cursor.existingKeys.has(c.name))
    .map((candidate, index) => ({ candidate, index }));
  const width = positionWidth(candidates.length);
  const sortTextOf = ({ candidate, index }: { candidate: KeyCandidate; index: number }) => `${candidate.rank}${String(index).padStart(width, '0')}`;
  const fixed = candidates.filter((c) => c.candidate.rank !== RANK.workspace);
  const { kept, cut } = bestCandidates(
    candidates.filter((c) => c.candidate.rank === RANK.workspace),
    MAX_COMPLETION_ITEMS - fixed.length,
    typed,
    (c) => keyFilterText(cursor, c.candidate.name),
    sortTextOf,
  );
  return { isIncomplete: cut, items: [...fixed, ...kept].map((c) => keyItem(cursor, c.candidate, sortTextOf(c), range)) };
}

function keyCandidates(cursor: JsonCursor, objectSchema: SchemaNode | undefined, workspace: WorkspaceContext): KeyCandidate[] {
  const candidates: KeyCandidate[] = [];
  const seen = new Set<string>();
  const add = (candidate: KeyCandidate) => {
    if (seen.has(candidate.name)) return;
    seen.add(candidate.name);
    candidates.push(candidate);
  };
  if (objectSchema) {
    const required = new Set(requiredOf(objectSchema));
    const declared = declaredProperties(objectSchema);
    // Both payload shapes are valid: rank the one this object already uses first (current shape by default).
    const usesLegacy = declared.some(([name, schema]) => shapeOf(schema) === 'legacy' && cursor.existingKeys.has(name));
    for (const [name, schema] of declared) {
      const legacy = shapeOf(schema) === 'legacy';
      const rank = required.has(name) ? RANK.required : legacy === usesLegacy ? RANK.preferred : RANK.other;
      add({ name, schema, rank, detail: keyDetail(schema), documentation: markdownOf(schema) });
    }
    // Objects keyed by data (phones by number, emails by address) suggest the keys of their snippets.
    for (const snippet of defaultSnippetsOf(objectSchema)) {
      const body = snippet.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) continue;
      const entrySchema = typeof objectSchema.additionalProperties === 'object' ? (objectSchema.additionalProperties as SchemaNode) : undefined;
      for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
        if (declared.some(([declaredName]) => declaredName === name)) continue;
        add({
          name,
          schema: entrySchema,
          body: { value },
          rank: RANK.preferred,
          detail: snippet.description ?? snippet.label,
          documentation: entrySchema ? markdownOf(entrySchema) : undefined,
        });
      }
    }
  }
  for (const key of workspaceKeys(cursor, workspace)) add(key);
  return candidates;
}

/** Custom traits and event properties that other payload files send (`traits.x`, `properties.x`). */
function workspaceKeys(cursor: JsonCursor, workspace: WorkspaceContext): KeyCandidate[] {
  const path = cursor.containerPath;
  if (path.length !== 1 || (path[0] !== 'traits' && path[0] !== 'properties')) return [];
  const prefix = `${path[0]}.`;
  const keys = new Map<string, { type: string; file: string }>();
  for (const file of workspace.files) {
    for (const [key, sent] of file.valueTypes) {
      if (!key.startsWith(prefix) || keys.has(key)) continue;
      keys.set(key, { type: sent.type, file: fileNameOf(file.uri) });
    }
  }
  const what = path[0] === 'traits' ? 'custom trait' : 'event property';
  return [...keys].map(([key, { type, file }]) => ({
    name: key.slice(prefix.length),
    rank: RANK.workspace,
    detail: `${what} · ${type} · used in ${file}`,
    documentation: `A ${what} that \`${file}\` sends as a JSON ${type}. Regal fixes a property's type the first time it sees it: send the same type here.`,
    schema: { type },
  }));
}

function keyDetail(schema: SchemaNode): string | undefined {
  const types = typesOf(schema).join(' | ');
  const shape = shapeOf(schema) === 'legacy' ? ' · legacy shape' : '';
  return types ? `${types}${shape}` : descriptionOf(schema);
}

/** A string or boolean value has candidates completion can list (so the suggestions re-open after the key). */
function hasValueCandidates(schema: SchemaNode): boolean {
  const types = typesOf(schema);
  return types.includes('boolean') || (types.includes('string') && (enumOf(schema).length > 0 || examplesOf(schema).length > 0));
}

/** Editors filter on the text from the range start (the opening quote inside a string) to the cursor. */
function keyFilterText(cursor: JsonCursor, name: string): string {
  return cursor.inString ? JSON.stringify(name) : name;
}

function keyItem(cursor: JsonCursor, candidate: KeyCandidate, sortText: string, range: Range): CompletionItem {
  const key = JSON.stringify(candidate.name);
  const item: CompletionItem = {
    label: candidate.name,
    kind: CompletionItemKind.Property,
    sortText,
    filterText: keyFilterText(cursor, candidate.name),
    insertTextFormat: InsertTextFormat.Snippet,
  };
  if (candidate.detail) item.detail = candidate.detail;
  if (candidate.documentation) item.documentation = { kind: MarkupKind.Markdown, value: candidate.documentation };
  if (cursor.colonFollows) {
    item.textEdit = { range, newText: escapeSnippet(key) };
    return item;
  }
  const snippets = candidate.schema ? defaultSnippetsOf(candidate.schema) : [];
  const body = candidate.body ?? (snippets.length > 0 ? { value: snippets[0].body } : undefined);
  const skeleton = propertyValueSkeleton(candidate.schema, body?.value, body !== undefined, hasValueCandidates);
  item.textEdit = { range, newText: `${escapeSnippet(key)}: ${skeleton.text}${cursor.separatorAfter}` };
  if (skeleton.pickable) item.command = TRIGGER_SUGGEST;
  return item;
}
