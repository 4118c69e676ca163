/**
 * `trailing-comma`: delete the comma. A comma next to a block that can render nothing needs more:
 * - `"a": 1, {{#if b}}"b": 2{{/if}} }`: the comma is trailing only when the block renders nothing,
 *   and deleting it would break the branch that renders; it moves into the block instead, in front
 *   of each branch that renders something (`"a": 1 {{#if b}},"b": 2{{/if}} }`).
 * - `"a": 1, {{#if b}}"b": 2{{/if}}, }`: deleting the last comma leaves the first one trailing when
 *   the block renders nothing; that one moves into the block too.
 * Either way every branch renders valid JSON.
 */
import type { CodeAction } from 'vscode-languageserver-types';
import type { Block } from '../template/blockStructure';
import { quickFix, replace, type FixContext, type OffsetEdit } from './fixContext';

export function trailingCommaFix(context: FixContext): CodeAction | undefined {
  const { text, finding, analysis } = context;
  const comma = finding.start;
  if (text[comma] !== ',') return undefined;
  const blocks = analysis.template.blocks;
  const removeComma = replace(comma, comma + 1, '');
  const after = blocks.find((b) => b.close && b.open.start === skipSpace(text, comma + 1, 1));
  if (after) return quickFix(`Move the comma into ${shown(text, after)}`, context, [context.diagnostic], [removeComma, ...commasIntoBranches(text, after)], true);
  const before = blocks.find((b) => b.close && b.close.end - 1 === skipSpace(text, comma - 1, -1));
  const commaBefore = before ? skipSpace(text, before.open.start - 1, -1) : -1;
  if (before && text[commaBefore] === ',' && !before.hasFinalElse) {
    const edits = [removeComma, replace(commaBefore, commaBefore + 1, ''), ...commasIntoBranches(text, before)];
    return quickFix(`Remove the trailing comma and move the comma before ${shown(text, before)} into it`, context, [context.diagnostic], edits, true);
  }
  return quickFix('Remove the trailing comma', context, [context.diagnostic], [removeComma], true);
}

/** A comma in front of the first character of each branch that renders something. */
function commasIntoBranches(text: string, block: Block): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  for (const branch of block.branches) {
    const first = text.slice(branch.start, branch.end).search(/\S/);
    if (first !== -1) edits.push(replace(branch.start + first, branch.start + first, ','));
  }
  return edits;
}

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
