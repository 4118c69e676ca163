/**
 * Deleting text the way a person would: a thing alone on its line takes the line with it, a thing
 * at the end of a line takes the spaces before it, and a JSON property takes one of its commas.
 * Nothing here deletes a Handlebars tag that belongs to something else: a removal that would is
 * refused (undefined), since dropping half of a `{{#if}}…{{/if}}` breaks the template.
 */
import type { Node } from '../json/jsonTree';
import type { PayloadAnalysis } from '../payloadAnalysis';
import { blockEnd } from '../template/blockStructure';
import { lastStartingBefore } from '../template/mustacheLookup';
import type { OffsetEdit } from './fixContext';

const isHorizontalSpace = (c: string | undefined) => c === ' ' || c === '\t';
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Widens [start, end) so that deleting it leaves tidy lines. */
export function lineAwareRemoval(text: string, start: number, end: number): OffsetEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd);
  const blank = (s: string) => s.trim() === '';
  if (blank(before) && blank(after)) {
    // Alone on its line(s): the whole line goes, with one line break.
    if (lineEnd < text.length) return { start: lineStart, end: lineEnd + 1, newText: '' };
    const previousBreak = lineStart > 0 ? (text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1) : lineStart;
    return { start: previousBreak, end: text.length, newText: '' };
  }
  if (blank(after)) {
    let from = start;
    while (from > lineStart && isHorizontalSpace(text[from - 1])) from--;
    const to = text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    return { start: from, end: Math.max(to, end), newText: '' };
  }
  let to = end;
  if (start === lineStart || isHorizontalSpace(text[start - 1])) while (isHorizontalSpace(text[to])) to++;
  return { start, end: to, newText: '' };
}

/**
 * Where a property's source text ends: its value node in view 0, or further when the value is a
 * block written in value position (`"subscribed": {{#if x}}true{{else}}false{{/if}}`), whose later
 * tags view 0 blanks out.
 */
export function propertyEnd(property: Node, analysis: PayloadAnalysis): number {
  let end = property.offset + property.length;
  const valueStart = property.colonOffset ?? property.offset;
  // Blocks are in the order their tags open: start at the first one after the colon.
  const blocks = analysis.template.blocks;
  for (let i = firstIndexAfter(blocks, valueStart, (b) => b.open.start); i < blocks.length && blocks[i].open.start < end; i++) {
    end = Math.max(end, blockEnd(blocks[i]));
  }
  // A value placeholder (`"age": {{age}}`) is one character in view 0: the mustache is longer.
  for (const m of analysis.index?.mustachesIn(valueStart, end) ?? []) end = Math.max(end, m.end);
  return end;
}

/** Where a property's value starts in the source (a block's open tag, when the value is one). */
export function valueStart(property: Node, text: string): number | undefined {
  if (property.colonOffset === undefined) return undefined;
  let at = property.colonOffset + 1;
  while (isSpace(text[at])) at++;
  return at;
}

/** Deletes a property with one of its commas, or undefined when that would cut through a Handlebars block. */
export function removeProperty(property: Node, analysis: PayloadAnalysis): OffsetEdit | undefined {
  const text = analysis.template.text;
  const start = property.offset;
  const end = propertyEnd(property, analysis);
  let removal: OffsetEdit;
  let next = end;
  while (isSpace(text[next])) next++;
  if (text[next] === ',') {
    removal = lineAwareRemoval(text, start, next + 1);
  } else {
    let previous = start - 1;
    while (previous >= 0 && isSpace(text[previous])) previous--;
    if (text[previous] === ',') removal = { start: previous, end, newText: '' };
    // No comma of its own next to a block tag: the only member a branch renders, its commas outside
    // the block (`, {{#if a}}"x": 1{{/if}}, "y": 2`). Emptied, the branch would double them.
    else if (text.startsWith('}}', previous - 1) || text.startsWith('{{', next)) return undefined;
    else removal = lineAwareRemoval(text, start, end);
  }
  const foreign = analysis.index?.mustachesIn(removal.start, removal.end).some((m) => m.start < start || m.end > end) ?? false;
  // A removal that starts before the property may swallow the end of a tag that starts earlier.
  // Mustaches are sorted and never overlap: only the last one opened before the removal can.
  const mustaches = analysis.template.mustaches;
  const before = mustaches[lastStartingBefore(mustaches, removal.start)];
  const straddling = before !== undefined && before.end > removal.start;
  return foreign || straddling ? undefined : removal;
}

/** The index of the first item whose position (items sorted by it) is greater than `offset`. */
function firstIndexAfter<T>(items: readonly T[], offset: number, position: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (position(items[mid]) <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
