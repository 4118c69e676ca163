/**
 * `trailing-comma`: delete the comma. A comma next to a block that can render nothing needs more:
 * - `"a": 1, {{#if b}}"b": 2{{/if}} }`: the comma is trailing only when the block renders nothing,
 *   and deleting it would break the branch that renders; it moves into the block instead, in front
 *   of each branch that renders something (`"a": 1 {{#if b}},"b": 2{{/if}} }`).
 * - `"a": 1, {{#if b}}"b": 2{{/if}}, }`: deleting the last comma leaves the first one trailing when
 *   the block renders nothing; that one moves into the block too.
 * Either way every branch renders valid JSON. A run of commas (`1,, }`) goes as a whole: its last
 * comma is the one reported, and deleting only that one would leave the others trailing.
 */
import type { FindingOf } from '../diagnosticCodes';
import type { CodeAction } from 'vscode-languageserver-types';
import type { Block } from '../template/blockStructure';
import { quickFix, replace, type FixContext, type OffsetEdit } from './fixContext';

export function trailingCommaFix(context: FixContext<FindingOf<'trailing-comma'>>): CodeAction | undefined {
  const { text, finding, analysis } = context;
  const comma = finding.start;
  if (text[comma] !== ',') return undefined;
  const blocks = analysis.template.blocks;
  // `1,, }` and `1, , }`: the commas before this one would be left trailing; they all go.
  const removals = commaRun(text, comma).map((at) => replace(at, at + 1, ''));
  const removed = removals.length > 1 ? 'Remove the trailing commas' : 'Remove the trailing comma';
  const after = blocks.find((b) => b.close && b.open.start === skipSpace(text, comma + 1, 1));
  const intoAfter = after && commasIntoBranches(text, after);
  if (after && intoAfter) {
    // Branches that start with their own comma (`{{#if a}},"a": 1{{/if}}`) need none moved in.
    const title = intoAfter.length > 0 ? `Move the comma into ${shown(text, after)}` : removed;
    return quickFix(title, context, [context.diagnostic], [...removals, ...intoAfter], true);
  }
  const before = blocks.find((b) => b.close && b.close.end - 1 === skipSpace(text, comma - 1, -1));
  const commaBefore = before ? skipSpace(text, before.open.start - 1, -1) : -1;
  if (before && text[commaBefore] === ',' && !before.hasFinalElse) {
    const into = commasIntoBranches(text, before);
    const edits = [...removals, ...commaRun(text, commaBefore).map((at) => replace(at, at + 1, '')), ...(into ?? [])];
    // A block that renders no member leaves both commas trailing: both go.
    const title = into?.length ? `Remove the trailing comma and move the comma before ${shown(text, before)} into it` : 'Remove the trailing commas';
    return quickFix(title, context, [context.diagnostic], edits, true);
  }
  return quickFix(removed, context, [context.diagnostic], removals, true);
}

/** The offsets of the commas that end at `last`, only white space between them. */
function commaRun(text: string, last: number): number[] {
  const run = [last];
  for (let at = skipSpace(text, last - 1, -1); text[at] === ','; at = skipSpace(text, at - 1, -1)) run.push(at);
  return run;
}

/**
 * A comma in front of the first character of each branch that renders a member and does not start
 * with its comma already, or undefined when no branch renders a member. A branch of only comments
 * (`/* … *\/`, `{{!-- … --}}`) renders none: a comma in front of it would be trailing.
 */
function commasIntoBranches(text: string, block: Block): OffsetEdit[] | undefined {
  const edits: OffsetEdit[] = [];
  let members = 0;
  for (const branch of block.branches) {
    const content = text.slice(branch.start, branch.end);
    if (content.replace(COMMENTS, '').trim() === '') continue;
    members++;
    const first = content.search(/\S/);
    if (content[first] !== ',') edits.push(replace(branch.start + first, branch.start + first, ','));
  }
  return members > 0 ? edits : undefined;
}

/** JSON comments (an unterminated one runs to the end) and Handlebars comments. */
const COMMENTS = /\/\/[^\n]*|\/\*[\s\S]*?(\*\/|$)|\{\{~?!--[\s\S]*?--~?\}\}|\{\{~?![\s\S]*?\}\}/g;

/** The first offset from `from`, stepping by `step`, that holds no white space. */
function skipSpace(text: string, from: number, step: 1 | -1): number {
  let at = from;
  while (at >= 0 && at < text.length && /\s/.test(text[at])) at += step;
  return at;
}

function shown(text: string, block: Block): string {
  const tag = text.slice(block.open.start, block.open.end);
  return tag.length > 40 ? `${tag.slice(0, 37)}…` : tag;
}
