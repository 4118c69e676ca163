/**
 * Completion inside a Handlebars mustache: merge fields and inline helpers after `{{`, block
 * helpers after `{{#` (with their closing tag), merge fields as arguments, the innermost open
 * block's name after `{{/`, and `else` inside a block. The closing braces are inserted only when
 * the mustache has none yet (the scanner tells: an unclosed mustache stops before the next `{{`).
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { iterableStandardFields } from '../iterable/iterableFields';
import { helperList, type IterableHelper } from '../iterable/iterableHelpers';
import { innermostBlockAt, type Block } from '../template/blockStructure';
import type { TemplateModel } from '../template/templateModel';
import type { WorkspaceContext } from '../workspace/workspaceContext';
import { bestCandidates, MAX_COMPLETION_ITEMS } from './completionLimit';
import { MAX_FILES_LISTED, mergeFieldCandidates, type MergeFieldCandidate } from './mergeFieldCandidates';
import type { MustacheCursor } from './mustacheCursor';
import { escapeSnippet } from './valueSkeleton';

/** sortText groups: the user's own fields, then Iterable's, then fields seen elsewhere, then helpers. */
const SORT = { keyword: '0', catalog: '1', standard: '2', workspace: '3', thisFile: '4', helper: '5' } as const;

export function templateCompletions(document: TextDocument, template: TemplateModel, cursor: MustacheCursor, workspace: WorkspaceContext): CompletionList {
  const m = cursor.mustache;
  const range = { start: document.positionAt(cursor.word.start), end: document.positionAt(cursor.word.end) };
  const closer = m.closed ? '' : cursor.closer;
  // Items that insert the closer also replace the part of it already typed (`{{{x|}}`, `"{{x|}"`).
  const partial = m.closed ? 0 : typedCloserPart(template.text, cursor);
  const closing = partial === 0 ? range : { start: range.start, end: document.positionAt(cursor.word.end + partial) };
  switch (m.kind) {
    case 'blockClose': {
      const block = openBlockAt(template, cursor);
      // A block whose name the scanner could not read (`{{#~each}}`) has nothing to propose.
      return complete(block?.name ? [blockCloserItem(block, closing, closer)] : []);
    }
    case 'else':
      return cursor.isHead ? complete([]) : fieldItems(template, cursor, workspace, range, '', MAX_COMPLETION_ITEMS);
    case 'blockOpen':
      return cursor.isHead && !cursor.inSubexpression
        ? complete(blockHelperItems(document, template, cursor, closing))
        : argumentItems(template, cursor, workspace, range);
    default: {
      if (!cursor.isHead) return argumentItems(template, cursor, workspace, range);
      // Helpers and `else` are a few dozen whatever the workspace: always listed, the fields get the rest of the room.
      const helpers = inlineHelperItems(closing, closer, hasArguments(template, cursor));
      const keyword =
        !cursor.inSubexpression && m.kind === 'expression' && acceptsElse(innermostBlockAt(template.blocks, m.start), m.start)
          ? [elseItem(closing, closer)]
          : [];
      const fields = fieldItems(template, cursor, workspace, closing, closer, MAX_COMPLETION_ITEMS - helpers.length - keyword.length);
      return { isIncomplete: fields.isIncomplete, items: [...keyword, ...fields.items, ...helpers] };
    }
  }
}

function complete(items: CompletionItem[]): CompletionList {
  return { isIncomplete: false, items };
}

/**
 * How many `}` of an unclosed mustache's closer follow the word: a triple-stash that has only `}}`,
 * or a mustache in a string that has one `}`. Outside strings a lone `}` after `{{x` is JSON's.
 */
function typedCloserPart(text: string, cursor: MustacheCursor): number {
  if (!cursor.mustache.inString && cursor.closer !== '}}}') return 0;
  let count = 0;
  while (count < cursor.closer.length - 1 && text.charCodeAt(cursor.word.end + count) === 0x7d) count++;
  return count;
}

/** Arguments: merge fields only (the mustache's own closing braces are already there or come later). */
function argumentItems(template: TemplateModel, cursor: MustacheCursor, workspace: WorkspaceContext, range: TextEdit['range']): CompletionList {
  return fieldItems(template, cursor, workspace, range, '', MAX_COMPLETION_ITEMS);
}

/**
 * The merge fields, at most `room` of them: those that best match what is typed (a catalog can
 * hold 20,000), chosen before their documentation is written. The list is incomplete when some
 * were left out, so that the editor asks again as the word grows.
 */
function fieldItems(
  template: TemplateModel,
  cursor: MustacheCursor,
  workspace: WorkspaceContext,
  range: TextEdit['range'],
  closer: string,
  room: number,
): CompletionList {
  const candidates = mergeFieldCandidates(template, cursor.index, workspace).map((field) => ({
    field,
    written: writtenName(field.name),
    sortText: `${fieldSort(field)}${fieldRank(field)}`,
  }));
  const { kept, cut } = bestCandidates(
    candidates,
    room,
    cursor.typed,
    (c) => c.written,
    (c) => c.sortText,
  );
  const items = kept.map(({ field, written, sortText }): CompletionItem => ({
    label: field.name,
    kind: CompletionItemKind.Variable,
    detail: fieldDetail(field),
    documentation: { kind: MarkupKind.Markdown, value: fieldDocumentation(field) },
    sortText,
    filterText: written,
    textEdit: { range, newText: written + closer },
  }));
  return { isIncomplete: cut, items };
}

/** Iterable's standard fields keep their catalog order (`email`, `userId`, `phoneNumber`, … before `campaignId`); the rest go A–Z. */
const STANDARD_RANK = new Map([...iterableStandardFields.keys()].map((name, i) => [name, String(i).padStart(3, '0')]));

export function fieldRank(field: MergeFieldCandidate): string {
  return field.catalogType === undefined && field.standard ? (STANDARD_RANK.get(field.name) ?? field.name) : field.name;
}

export function fieldSort(field: MergeFieldCandidate): string {
  if (field.catalogType !== undefined) return SORT.catalog;
  if (field.standard) return SORT.standard;
  return field.usedIn.length > 0 ? SORT.workspace : SORT.thisFile;
}

export function fieldDetail(field: MergeFieldCandidate): string {
  const origins: string[] = [];
  if (field.catalogType !== undefined) origins.push(`catalog · ${field.catalogType}`);
  if (field.standard) origins.push(field.catalogType !== undefined ? 'Iterable standard' : `Iterable standard · ${field.standard.type}`);
  if (field.usedIn.length > 0) origins.push(`used in ${field.usedIn[0]}${field.usedIn.length > 1 ? ` (+${field.usedIn.length - 1})` : ''}`);
  if (field.usedInThisFile && origins.length === 0) origins.push('used in this file');
  return origins.join(' · ');
}

export function fieldDocumentation(field: MergeFieldCandidate): string {
  const parts = [`Merge field \`${field.name}\``];
  if (field.standard)
    parts.push(`**Iterable standard field** (${field.standard.type}). ${field.standard.description}\n\nExample: \`${field.standard.example}\``);
  if (field.catalogType !== undefined) parts.push(`**From your field catalog** (\`regal.fieldsFile\`): type \`${field.catalogType}\`.`);
  if (field.usedIn.length > 0) {
    const listed = field.usedIn
      .slice(0, MAX_FILES_LISTED)
      .map((f) => `\`${f}\``)
      .join(', ');
    const more = field.usedIn.length > MAX_FILES_LISTED ? ` and ${field.usedIn.length - MAX_FILES_LISTED} more` : '';
    parts.push(`Used in ${listed}${more}.`);
  }
  if (field.usedInThisFile) parts.push('Used elsewhere in this file.');
  return parts.join('\n\n');
}

/** A path segment Handlebars reads without brackets: no character it reserves, no leading digit. */
const PLAIN_SEGMENT = /^[^\s!"#%&'()*+,./;<=>@[\\\]^`{|}~]+$/;
/** A whole path of plain segments, tested at once: the common case, 7× faster than splitting each of a 20,000-field catalog's names. */
const PLAIN_PATH =
  /^[^\s!"#%&'()*+,./;<=>@[\\\]^`{|}~\d][^\s!"#%&'()*+,./;<=>@[\\\]^`{|}~]*(?:\.[^\s!"#%&'()*+,./;<=>@[\\\]^`{|}~\d][^\s!"#%&'()*+,./;<=>@[\\\]^`{|}~]*)*$/;

/** A Handlebars path as written: segments that are not plain identifiers go in brackets (`[First Name]`). */
export function writtenName(name: string): string {
  if (name.includes('[') || PLAIN_PATH.test(name)) return name;
  return name
    .split('.')
    .map((segment) => (PLAIN_SEGMENT.test(segment) && !/^\d/.test(segment) ? segment : `[${segment}]`))
    .join('.');
}

/** The mustache already has text after the word (renaming the head of `{{now|x}}` keeps `x`). */
function hasArguments(template: TemplateModel, cursor: MustacheCursor): boolean {
  const m = cursor.mustache;
  return m.closed && template.text.slice(cursor.word.end, m.contentEnd).trim() !== '';
}

/** Inline helpers with their signature's arguments as tab stops (the name alone when arguments are there). */
function inlineHelperItems(range: TextEdit['range'], closer: string, nameOnly: boolean): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const helper of helperList) {
    if (helper.form === 'block') continue;
    const args = nameOnly ? [] : signatureArguments(helper, false);
    items.push({
      ...helperBase(helper),
      filterText: helper.name,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: `${helper.name}${snippetArguments(args)}${escapeSnippet(closer)}` },
    });
  }
  return items;
}

/**
 * Block helpers after `{{#`: the tag with its arguments as tab stops, then `$0` between the tags
 * and the closing `{{/name}}`. When the tag's `}}` is already typed, the closing tag goes after it.
 */
function blockHelperItems(document: TextDocument, template: TemplateModel, cursor: MustacheCursor, range: TextEdit['range']): CompletionItem[] {
  const m = cursor.mustache;
  // Renaming the helper of an existing tag with arguments, or of a block that is closed already: the name alone.
  const nameOnly = hasArguments(template, cursor) || template.blocks.some((b) => b.open === m && b.close !== undefined);
  const items: CompletionItem[] = [];
  for (const [index, helper] of helperList.entries()) {
    if (helper.form === 'inline') continue;
    // The catalog lists the everyday blocks first (`if`, `unless`, `each`, `ifEq`, …): keep that order, not A–Z.
    const sortText = `${SORT.helper}${String(index).padStart(3, '0')}`;
    const base = { ...helperBase(helper), sortText, filterText: helper.name, insertTextFormat: InsertTextFormat.Snippet };
    const closingTag = `{{/${helper.name}}}`;
    if (nameOnly) {
      items.push({ ...base, textEdit: { range, newText: escapeSnippet(helper.name) } });
    } else if (m.closed) {
      const at = document.positionAt(m.end);
      items.push({
        ...base,
        textEdit: { range, newText: `${helper.name}${snippetArguments(signatureArguments(helper, true))}` },
        additionalTextEdits: [{ range: { start: at, end: at }, newText: closingTag }],
      });
    } else {
      const newText = `${helper.name}${snippetArguments(signatureArguments(helper, true))}${escapeSnippet(cursor.closer)}$0${escapeSnippet(closingTag)}`;
      items.push({ ...base, textEdit: { range, newText } });
    }
  }
  return items;
}

function helperBase(helper: IterableHelper): CompletionItem {
  return {
    label: helper.name,
    kind: CompletionItemKind.Function,
    // VS Code shows `detail` above the documentation: the signature is there, not repeated below.
    detail: helper.signature,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `${helper.description}\n\nIterable helper (${helper.form === 'both' ? 'block or inline' : helper.form}).`,
    },
    sortText: `${SORT.helper}${helper.name}`,
  };
}

/**
 * The arguments a helper's signature shows (`field 'value'` in `{{#ifEq field 'value'}}…`), from
 * its block form (`{{#name …}}`) or its inline form (`{{name …}}`), whichever is asked for.
 */
export function signatureArguments(helper: IterableHelper, block: boolean): string[] {
  const opener = block ? `{{#${helper.name}` : `{{${helper.name}`;
  let at = helper.signature.indexOf(`${opener} `);
  if (at === -1) at = helper.signature.indexOf(`${opener}}}`);
  if (at === -1) return [];
  const close = helper.signature.indexOf('}}', at + opener.length);
  const inside = helper.signature.slice(at + opener.length, close === -1 ? undefined : close);
  return inside.match(/(?:[^\s']+|'[^']*')+/g) ?? [];
}

function snippetArguments(args: readonly string[]): string {
  return args.map((arg, i) => ` \${${i + 1}:${escapeSnippet(arg)}}`).join('');
}

function elseItem(range: TextEdit['range'], closer: string): CompletionItem {
  return {
    label: 'else',
    kind: CompletionItemKind.Keyword,
    detail: '{{else}}',
    documentation: {
      kind: MarkupKind.Markdown,
      value: 'Starts the branch the block renders when its condition is false (`{{else if other}}` chains another condition).',
    },
    sortText: `${SORT.keyword}else`,
    textEdit: { range, newText: `else${closer}` },
  };
}

/** Inside a block, before its final `{{else}}` (after it, another `{{else}}` is a syntax error). */
function acceptsElse(block: Block | undefined, at: number): boolean {
  if (!block) return false;
  const last = block.branches[block.branches.length - 1];
  return !(block.hasFinalElse && last && last.start <= at);
}

/** The block a `{{/` closes: the innermost one around it that is still open (or that this tag closes). */
function openBlockAt(template: TemplateModel, cursor: MustacheCursor): Block | undefined {
  const m = cursor.mustache;
  for (let block = innermostBlockAt(template.blocks, m.start); block; block = block.parent) {
    if (block.open === m) continue;
    if (!block.close || block.close === m) return block;
  }
  return undefined;
}

function blockCloserItem(block: Block, range: TextEdit['range'], closer: string): CompletionItem {
  return {
    label: block.name,
    kind: CompletionItemKind.Keyword,
    detail: `closes {{#${block.name}}}`,
    documentation: { kind: MarkupKind.Markdown, value: `Closes the innermost open block, \`{{#${block.name} …}}\`.` },
    sortText: `${SORT.keyword}${block.name}`,
    textEdit: { range, newText: `${block.name}${closer}` },
  };
}
