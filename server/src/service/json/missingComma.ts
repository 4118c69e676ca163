/**
 * Where a `,` missing between two members goes: right after the previous member as the source
 * writes it, that is after any template that renders its value (`{{/if}}`, a bare merge field's
 * `}}`), so that every branch renders the comma with the member. Completion (a key typed after a
 * member that has no comma) and the `invalid-json` quick fix (a missing comma) place it this way.
 * The quick fix also knows the blocks: a member inside a `{{#if}}` that can render nothing keeps
 * its comma inside the block (`{{#if a}}"a": 1,{{/if}} "b": 2`), else the comma would be left
 * alone, a syntax error, whenever the block renders nothing.
 */
import type { Node } from 'jsonc-parser';
import { blockEnd, innermostBlockAt } from '../template/blockStructure';
import { lastStartingBefore } from '../template/mustacheLookup';
import type { TemplateIndex } from '../template/templateIndex';
import { nodeAtOffset } from './jsonTree';

/**
 * Where the comma after a member value that ends at `valueEnd` goes, for what starts at `at`: after
 * the last source text before `at`, when the view has only blanks there (all that lies in between
 * is Handlebars), else right after the value (a comment sits in between).
 */
export function missingCommaAt(viewText: string, source: string, valueEnd: number, at: number): number {
  let end = at;
  while (end > valueEnd && /\s/.test(source[end - 1])) end--;
  return /^\s*$/.test(viewText.slice(valueEnd, end)) ? end : valueEnd;
}

/**
 * For jsonc-parser's CommaExpected at `offset`: where the comma goes, when that is all that is
 * wrong there, i.e. a complete member (a property with its key, `:` and value, or an array item)
 * starts at `offset` right after a complete one. Undefined otherwise (`{ "a": 1 b }`: a comma
 * would not make `b` a member).
 */
export function missingCommaPlace(
  viewText: string,
  root: Node | undefined,
  offset: number,
  template: Pick<TemplateIndex, 'source' | 'blocks' | 'mustaches'>,
): number | undefined {
  const place = commaPlace(viewText, root, offset, template);
  if (place === undefined) return undefined;
  // An unclosed tag in either member (`{ "a": 1 }{{` at the end) makes them other JSON once closed.
  if (unclosedTagIn(template.mustaches, place, offset, viewText, root)) return undefined;
  // Never inside a tag, nor after an unclosed one (which the next `{{` cuts short: its text runs on).
  const before = template.mustaches[lastStartingBefore(template.mustaches, place)];
  return before && (before.end > place || (!before.closed && before.end === place)) ? undefined : place;
}

function commaPlace(viewText: string, root: Node | undefined, offset: number, template: Pick<TemplateIndex, 'source' | 'blocks'>): number | undefined {
  const { source, blocks } = template;
  if (!root) return undefined;
  let node = nodeAtOffset(root, offset);
  while (node && !(node.offset === offset && (node.parent?.type === 'object' || node.parent?.type === 'array'))) node = node.parent;
  const siblings = node?.parent?.children;
  if (!node || !siblings) return undefined;
  const index = siblings.indexOf(node);
  if (index < 1) return undefined;
  const previous = siblings[index - 1];
  if (!completeMember(node) || !completeMember(previous) || !terminated(previous, viewText)) return undefined;
  const valueEnd = previous.offset + previous.length;
  // Only blanks and comments between them: anything else (`1 ; 2`) is more than a missing comma.
  if (valueEnd > offset || !/^\s*$/.test(viewText.slice(valueEnd, offset).replace(COMMENTS, ''))) return undefined;
  // Blocks around the end of the previous member, innermost first: those opened inside the member
  // render its value, those opened before it wrap it.
  for (let block = innermostBlockAt(blocks, valueEnd - 1); block; block = block.parent) {
    if (block.open.start >= previous.offset || !block.close) continue;
    // The block holds the next member too: the comma goes between them, inside it.
    if (blockEnd(block) > offset) break;
    // Every branch renders (a member, presumably): the comma may follow the whole block.
    if (block.hasFinalElse || block.fixedBranch !== undefined) continue;
    const branch = block.branches.find((b) => b.start <= valueEnd && valueEnd <= b.end);
    // A branch that brings its own comma in front (`{{#if a}},"a": 1{{/if}}`) leaves the one after
    // the block to the member that follows it.
    if (!branch || /^\s*,/.test(source.slice(branch.start, branch.end))) continue;
    return missingCommaAt(viewText, source, valueEnd, branch.end);
  }
  return missingCommaAt(viewText, source, valueEnd, offset);
}

const COMMENTS = /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;

/** Whether an unclosed tag reaches into the span from the comma's place to the end of the next member. */
function unclosedTagIn(mustaches: TemplateIndex['mustaches'], place: number, offset: number, viewText: string, root: Node | undefined): boolean {
  const next = root && nodeAtOffset(root, offset);
  let end = offset + 1;
  for (let node = next; node; node = node.parent) {
    if (node.offset !== offset) break;
    end = Math.max(end, node.offset + node.length);
  }
  end = Math.min(end, viewText.length);
  // Tags are in order and never overlap: back from the end of the next member to the comma's place.
  for (let i = lastStartingBefore(mustaches, end); i >= 0 && mustaches[i].end >= place; i--) {
    if (!mustaches[i].closed) return true;
  }
  return false;
}

/** The member's value ends with its own closing character (the parser ends an unclosed `{` where it gave up). */
function terminated(member: Node, viewText: string): boolean {
  const value = member.type === 'property' ? member.children?.[1] : member;
  if (!value) return false;
  const last = viewText[value.offset + value.length - 1];
  switch (value.type) {
    case 'object':
      return value.length >= 2 && last === '}';
    case 'array':
      return value.length >= 2 && last === ']';
    case 'string':
      return value.length >= 2 && last === '"';
    default:
      return true;
  }
}

function completeMember(node: Node): boolean {
  if (node.type !== 'property') return true;
  return node.colonOffset !== undefined && node.children?.length === 2 && node.children[0].type === 'string';
}
