/**
 * Builds the value part of a completion as LSP snippet text: from a schema `defaultSnippets` body
 * (its values become the placeholders' defaults) or, without one, from the schema itself (required
 * properties of objects, one item of arrays). Tab stops are numbered in document order. Short
 * values stay on one line; longer ones are laid out with tabs, which editors turn into the
 * document's indentation (and indent under the line being completed).
 */
import { enumOf, itemsOf, propertySchema, requiredOf, typesOf, type SchemaNode } from '../schema/schemaModel';

/** A value whose text (tab stops at their defaults) is longer than this on one line is laid out on several. */
const ONE_LINE_LIMIT = 60;
/** Schemas nest a few levels; a recursive schema must not recurse forever. */
const MAX_DEPTH = 8;

type Piece = { kind: 'leaf'; text: string } | { kind: 'object'; entries: Array<[string, Piece]> } | { kind: 'array'; items: Piece[] };

export interface Skeleton {
  /** Snippet text of the value. */
  text: string;
  /** The value is a bare tab stop (`"$1"`, `$1`) whose candidates completion can list: re-open suggestions after inserting. */
  pickable: boolean;
}

class TabStops {
  private next = 1;
  take(): number {
    return this.next++;
  }
}

/** Escapes text for a snippet outside placeholders (`$`, `}` and `\` are special). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** Escapes one option of a choice (`${1|a,b|}`), where `,` and `|` are special too. */
function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, '\\$&');
}

/** A JSON string's content as it is written between its quotes. */
function jsonStringContent(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** The skeleton of the value of a property whose schema is `schema` (after a key completion). */
export function propertyValueSkeleton(schema: SchemaNode | undefined, body: unknown, hasBody: boolean, pickable: (schema: SchemaNode) => boolean): Skeleton {
  const stops = new TabStops();
  if (hasBody) return { text: render(fromBody(body, schema, stops, 0)), pickable: false };
  if (schema && pickable(schema)) {
    const types = typesOf(schema);
    if (types.includes('string')) return { text: '"$1"', pickable: true };
    if (types.includes('boolean')) return { text: '$1', pickable: true };
  }
  const piece = fromSchema(schema, stops, 0);
  return { text: render(piece), pickable: isEmptyContainer(piece) };
}

/** A standalone value (an array item, a defaultSnippet offered as a value). */
export function valueSkeleton(schema: SchemaNode | undefined, body?: { value: unknown }): string {
  const stops = new TabStops();
  return render(body ? fromBody(body.value, schema, stops, 0) : fromSchema(schema, stops, 0));
}

function isEmptyContainer(piece: Piece): boolean {
  return piece.kind === 'leaf' && (piece.text === '{$1}' || piece.text === '[$1]');
}

function fromSchema(schema: SchemaNode | undefined, stops: TabStops, depth: number): Piece {
  const types = schema ? typesOf(schema) : [];
  const choices = schema ? enumOf(schema) : [];
  if (choices.length > 0) return choiceLeaf(choices, undefined, stops);
  if (!schema || depth > MAX_DEPTH) return { kind: 'leaf', text: `$${stops.take()}` };
  if (types.includes('object')) {
    const required = requiredOf(schema);
    if (required.length === 0) return { kind: 'leaf', text: `{$${stops.take()}}` };
    return { kind: 'object', entries: required.map((name) => [name, fromSchema(propertySchema(schema, name), stops, depth + 1)]) };
  }
  if (types.includes('array')) {
    const items = itemsOf(schema);
    if (items && requiredOf(items).length > 0) return { kind: 'array', items: [fromSchema(items, stops, depth + 1)] };
    return { kind: 'leaf', text: `[$${stops.take()}]` };
  }
  if (types.includes('boolean')) return choiceLeaf([true, false], undefined, stops);
  if (types.includes('string')) return { kind: 'leaf', text: `"$${stops.take()}"` };
  return { kind: 'leaf', text: `$${stops.take()}` };
}

/** The body's structure, with a tab stop for every scalar, whose default is the body's value. */
function fromBody(body: unknown, schema: SchemaNode | undefined, stops: TabStops, depth: number): Piece {
  if (depth > MAX_DEPTH) return { kind: 'leaf', text: `$${stops.take()}` };
  if (Array.isArray(body)) {
    const items = schema ? itemsOf(schema) : undefined;
    return { kind: 'array', items: body.map((item) => fromBody(item, items, stops, depth + 1)) };
  }
  if (body !== null && typeof body === 'object') {
    const entries = Object.entries(body as Record<string, unknown>).map(([key, value]): [string, Piece] => [
      key,
      fromBody(value, schema ? propertySchema(schema, key) : undefined, stops, depth + 1),
    ]);
    return { kind: 'object', entries };
  }
  const choices = schema ? enumOf(schema) : [];
  if (choices.length > 0) return choiceLeaf(choices, body, stops);
  if (typeof body === 'boolean') return choiceLeaf([true, false], body, stops);
  if (typeof body === 'string') return { kind: 'leaf', text: `"\${${stops.take()}:${escapeSnippet(jsonStringContent(body))}}"` };
  return { kind: 'leaf', text: `\${${stops.take()}:${escapeSnippet(JSON.stringify(body) ?? 'null')}}` };
}

/** A choice among enum values (the preferred one first); strings keep their quotes outside the choice. */
function choiceLeaf(values: readonly unknown[], preferred: unknown, stops: TabStops): Piece {
  const ordered = preferred !== undefined && values.includes(preferred) ? [preferred, ...values.filter((v) => v !== preferred)] : [...values];
  const allStrings = ordered.every((v) => typeof v === 'string');
  const options = ordered.map((v) => escapeChoice(allStrings ? jsonStringContent(v as string) : (JSON.stringify(v) ?? 'null'))).join(',');
  const choice = `\${${stops.take()}|${options}|}`;
  return { kind: 'leaf', text: allStrings ? `"${choice}"` : choice };
}

/** One line when short enough, else one line per entry (nested values get the same choice). */
function render(piece: Piece, depth = 0): string {
  const line = renderLine(piece);
  return plainTextOf(line).length <= ONE_LINE_LIMIT ? line : renderLines(piece, depth);
}

function renderKey(key: string): string {
  return `"${escapeSnippet(jsonStringContent(key))}"`;
}

function renderLine(piece: Piece): string {
  switch (piece.kind) {
    case 'leaf':
      return piece.text;
    case 'object':
      return piece.entries.length === 0 ? '{}' : `{ ${piece.entries.map(([k, v]) => `${renderKey(k)}: ${renderLine(v)}`).join(', ')} }`;
    case 'array':
      return piece.items.length === 0 ? '[]' : `[ ${piece.items.map(renderLine).join(', ')} ]`;
  }
}

function renderLines(piece: Piece, depth: number): string {
  const inner = '\t'.repeat(depth + 1);
  const outer = '\t'.repeat(depth);
  switch (piece.kind) {
    case 'leaf':
      return piece.text;
    case 'object':
      if (piece.entries.length === 0) return '{}';
      return `{\n${piece.entries.map(([k, v]) => `${inner}${renderKey(k)}: ${render(v, depth + 1)}`).join(',\n')}\n${outer}}`;
    case 'array':
      if (piece.items.length === 0) return '[]';
      return `[\n${piece.items.map((item) => `${inner}${render(item, depth + 1)}`).join(',\n')}\n${outer}]`;
  }
}

/**
 * The text a snippet inserts when every tab stop keeps its default (first choice, placeholder
 * text, nothing for a bare `$1`), for labels.
 */
export function plainTextOf(snippet: string): string {
  let out = '';
  let i = 0;
  const readNumber = () => {
    while (i < snippet.length && snippet[i] >= '0' && snippet[i] <= '9') i++;
  };
  while (i < snippet.length) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length) {
      out += snippet[i + 1];
      i += 2;
    } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      i++;
      readNumber();
    } else if (c === '$' && snippet[i + 1] === '{') {
      i += 2;
      readNumber();
      const mode = snippet[i];
      i++;
      let text = '';
      let firstChoiceDone = false;
      while (i < snippet.length && snippet[i] !== '}') {
        if (snippet[i] === '\\' && i + 1 < snippet.length) {
          if (!firstChoiceDone) text += snippet[i + 1];
          i += 2;
        } else if (mode === '|' && (snippet[i] === ',' || snippet[i] === '|')) {
          firstChoiceDone = true;
          i++;
        } else {
          if (!firstChoiceDone) text += snippet[i];
          i++;
        }
      }
      i++;
      out += mode === ':' || mode === '|' ? text : '';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
