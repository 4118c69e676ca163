/**
 * Hover on a JSON key or value: what the Regal schema says about that key (its markdown, the
 * allowed values with the current one first, an example), or, for keys the schema leaves open,
 * that they are the user's own custom traits / event properties.
 */
import type { Node } from 'jsonc-parser';
import { keyOf, nodeAtOffset, valueOf } from '../json/jsonTree';
import type { TemplateIndex } from '../template/templateIndex';
import { closestMatches } from '../util/suggest';
import type { WorkspaceContext } from '../workspace/workspaceContext';
import { fileLabel } from '../workspace/fileLabel';
import { code, codeBlock, displayPath, escapeMarkdown, fileLink, truncate } from './markdown';
import { schemaAtPath, stringOf, typesOf, type PathSegment, type SchemaNode } from '../schema/schemaModel';

export interface JsonHover {
  markdown: string;
  start: number;
  end: number;
}

/** What Regal does with a key it does not define (docs/regal.md §1.3: Regal casts a custom property's type on first write [S2]). */
const FIXED_ON_FIRST_SIGHT = 'Regal stores it as sent; its type is fixed the first time Regal sees it';

export function jsonHover(root: Node, offset: number, index: TemplateIndex, schema: SchemaNode, workspace: WorkspaceContext): JsonHover | undefined {
  const node = nodeAtOffset(root, offset);
  if (!node) return undefined;
  // Inside the braces of an object or array (between members) there is nothing to explain.
  if ((node.type === 'object' || node.type === 'array') && offset > node.offset && offset < node.offset + node.length - 1) return undefined;
  if (node.type === 'property') return undefined; // on the colon or the space around it
  const source = index.source;
  const path = pathOf(node, source);
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  const value = property ? valueOf(property) : node;
  // A value written with a block (`"s": {{#if x}}true{{else}}false{{/if}}`) parses as the branch view 0 renders: the tags sit between the key and it.
  const templated = value !== undefined && index.mustachesIn(property?.children?.[0] ? property.offset : value.offset, value.offset + value.length).length > 0;
  const parts = describePath(path, value, templated, index, schema, workspace);
  return { markdown: parts.join('\n\n'), start: node.offset, end: node.offset + node.length };
}

function describePath(
  path: PathSegment[],
  value: Node | undefined,
  templated: boolean,
  index: TemplateIndex,
  schema: SchemaNode,
  workspace: WorkspaceContext,
): string[] {
  const title = `**${code(displayPath(path))}**`;
  const match = schemaAtPath(schema, path);
  if (match.kind === 'free') return describeFree(title, path, match.owner, value, index, workspace);
  if (match.kind === 'disallowed') {
    const key = String(path[path.length - 1]);
    const suggestions = closestMatches(key, match.allowed);
    const hint = suggestions.length > 0 ? ` Did you mean ${code(suggestions[0])}?` : '';
    return [
      `${title} · not a Regal key`,
      `Regal defines no ${code(key)} here, so it is not stored.${hint}`,
      `Keys Regal defines here: ${match.allowed.map(code).join(', ')}.`,
    ];
  }
  const node = match.schema;
  const types = typesOf(node);
  const parts = [types.length > 0 ? `${title} · ${types.join(' | ')}` : title];
  const description = stringOf(node, 'markdownDescription') ?? escapeMarkdown(stringOf(node, 'description') ?? '');
  if (description) parts.push(description);
  const allowed = allowedValues(node, types, value, templated);
  if (allowed) parts.push(allowed);
  // Most descriptions already end with a JSON example; the others get one from `examples`/`enum`.
  if (!description.includes('```')) {
    const example = exampleOf(node, types, path);
    if (example) parts.push(`Example:\n\n${example}`);
  }
  return parts;
}

/** A key the schema leaves open: a custom trait, an event property, or something inside one. */
function describeFree(
  title: string,
  path: PathSegment[],
  owner: PathSegment[],
  value: Node | undefined,
  index: TemplateIndex,
  workspace: WorkspaceContext,
): string[] {
  const what =
    owner.length === 2 && owner[0] === 'traits' ? 'custom trait' : owner.length === 2 && owner[0] === 'properties' ? 'event property' : 'custom value';
  const parts: string[] = [];
  if (owner.length === path.length) {
    parts.push(`${title} · ${what}`);
    const What = what.charAt(0).toUpperCase() + what.slice(1);
    parts.push(`${What} — ${FIXED_ON_FIRST_SIGHT}, so send it with the same JSON type in every payload.`);
  } else {
    parts.push(`${title} · part of ${what} ${code(displayPath(owner))}`);
    parts.push(`Regal stores the ${what} ${code(displayPath(owner))} as sent; its type is fixed the first time Regal sees it.`);
  }
  const sent = sentType(value, index);
  if (sent) parts.push(`Sent here as ${sent}.`);
  const key = owner.length === 2 ? `${String(owner[0])}.${String(owner[1])}` : undefined;
  if (key && owner.length === path.length) {
    const elsewhere = workspace.files.flatMap((file) => {
      const seen = file.valueTypes.get(key);
      return seen ? [`${code(seen.type)} in ${fileLink(fileLabel(file.uri), `${file.uri}#L${seen.range.start.line + 1}`)}`] : [];
    });
    if (elsewhere.length > 0) parts.push(`Other payload files send it as ${elsewhere.slice(0, 5).join(', ')}${elsewhere.length > 5 ? ', …' : ''}.`);
  }
  return parts;
}

/** The JSON type this payload sends, as far as the text tells (templates may render anything). */
function sentType(value: Node | undefined, index: TemplateIndex): string | undefined {
  if (!value) return undefined;
  if (index.isValuePlaceholder(value))
    return `whatever ${code(truncate(index.source.slice(value.offset, valueEnd(value, index)), 60))} renders (a bare merge field: its JSON type depends on the field)`;
  if (value.type === 'string' && index.singleMergeField(value) !== undefined) return `${code('string')} (a quoted merge field always sends a string)`;
  return code(value.type);
}

function valueEnd(value: Node, index: TemplateIndex): number {
  const [m] = index.mustachesIn(value.offset, value.offset + 1);
  return m ? m.end : value.offset + value.length;
}

/** "Allowed values" with the current literal first, for enums and booleans. */
function allowedValues(node: SchemaNode, types: string[], value: Node | undefined, templated: boolean): string | undefined {
  let values: unknown[] | undefined;
  if (Array.isArray(node.enum)) values = node.enum;
  else if (types.length === 1 && types[0] === 'boolean') values = [true, false];
  if (!values) return undefined;
  const current = templated ? undefined : literalOf(value);
  const known = current !== undefined && values.some((v) => v === current);
  const ordered = known ? [current, ...values.filter((v) => v !== current)] : values;
  const list = ordered.map((v) => `${code(JSON.stringify(v))}${known && v === current ? ' (current)' : ''}`).join(' · ');
  let note = '';
  if (current !== undefined && !known) note = ` — the current ${code(JSON.stringify(current))} is not one of them`;
  // `"{{flag}}"` renders a JSON string whatever the field holds (the `quoted-boolean` finding).
  else if (templated && value?.type === 'string' && !types.includes('string')) note = ' — the current value is a quoted template, which sends a string';
  else if (templated) note = ' — the current value is a template';
  return `Allowed values: ${list}${note}`;
}

/** The value of a literal without Handlebars (undefined for templates, objects and arrays). */
function literalOf(value: Node | undefined): unknown {
  if (!value) return undefined;
  if (value.type === 'string' || value.type === 'boolean' || value.type === 'number' || value.type === 'null') return value.value;
  return undefined;
}

function exampleOf(node: SchemaNode, types: string[], path: PathSegment[]): string | undefined {
  let sample: unknown;
  if (Array.isArray(node.examples) && node.examples.length > 0) sample = node.examples[0];
  else if (Array.isArray(node.enum) && node.enum.length > 0) sample = node.enum[0];
  else if (types.length === 1 && types[0] === 'boolean') sample = true;
  else return undefined;
  const key = path[path.length - 1];
  const rendered = JSON.stringify(sample);
  return codeBlock('json', typeof key === 'string' ? `${JSON.stringify(key)}: ${rendered}` : rendered);
}

/** The path of keys and indexes from the root to a node (a key node's path ends with its key). */
export function pathOf(node: Node, source: string): PathSegment[] {
  const path: PathSegment[] = [];
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'property') path.unshift(keyOf(parent, source));
    else if (parent.type === 'array') path.unshift((parent.children ?? []).indexOf(child));
  }
  return path;
}
