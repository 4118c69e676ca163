/**
 * Pairs block tags (`{{#if}}`, `{{else}}`, `{{/if}}`) into blocks with branches, and reports
 * unbalanced or mismatched tags at the tag that is wrong, then keeps going.
 */
import type { Mustache } from './mustacheScanner';
import { blockName } from './expressionAnalyzer';
import { iterableHelpers } from '../iterable/iterableHelpers';
import { lineLookup } from '../util/lineIndex';

export interface Branch {
  /** Content of the branch, between the tags. */
  start: number;
  end: number;
  /** The `{{else …}}` tag that opens this branch (undefined for the first branch). */
  elseTag?: Mustache;
}

export interface Block {
  name: string;
  open: Mustache;
  /** Explicit branches in document order; the first follows the open tag. */
  branches: Branch[];
  /** False when no `{{else}}` ends the chain: the block can also render nothing. */
  hasFinalElse: boolean;
  close?: Mustache;
  /** The enclosing block, if any. */
  parent?: Block;
  /**
   * The branch every view renders, when the condition is known: inside `{{#each}}` the views model
   * one item, for which @first and @last are true and @index is 0, so `{{#unless @last}},{{/unless}}`
   * and `{{#if @index}},{{/if}}` render nothing.
   */
  fixedBranch?: number;
}

export interface BlockProblem {
  start: number;
  end: number;
  message: string;
}

export interface BlockStructure {
  blocks: Block[];
  problems: BlockProblem[];
}

export function buildBlockStructure(text: string, mustaches: readonly Mustache[]): BlockStructure {
  const blocks: Block[] = [];
  const problems: BlockProblem[] = [];
  const stack: Block[] = [];
  const loopConditions = new Map<Block, LoopCondition | undefined>();
  // Line numbers only go into messages about mismatched tags: index the lines when one is needed.
  let lineIndex: ((offset: number) => number) | undefined;
  const lineOf = (offset: number) => (lineIndex ??= lineLookup(text))(offset) + 1;

  const finish = (block: Block, closeStart: number, close?: Mustache) => {
    block.branches[block.branches.length - 1].end = closeStart;
    block.close = close;
  };

  for (const m of mustaches) {
    if (!m.closed) continue; // reported by the template model; its structure is unknown
    if (m.kind !== 'blockOpen' && m.kind !== 'inverseOpen' && m.kind !== 'else' && m.kind !== 'blockClose') continue;
    const content = text.slice(m.contentStart, m.contentEnd);
    if (m.kind === 'blockOpen' || m.kind === 'inverseOpen') {
      const block: Block = {
        name: blockName(content),
        open: m,
        branches: [{ start: m.end, end: text.length }],
        hasFinalElse: false,
        parent: stack[stack.length - 1],
      };
      blocks.push(block);
      stack.push(block);
      loopConditions.set(block, loopCondition(content));
    } else if (m.kind === 'else') {
      const top = stack[stack.length - 1];
      if (!top) {
        problems.push({
          start: m.start,
          end: m.end,
          message: '{{else}} outside any block: remove it or add the {{#if …}} it belongs to. Handlebars cannot read it here.',
        });
        continue;
      }
      if (top.hasFinalElse) {
        problems.push({
          start: m.start,
          end: m.end,
          message: `Second {{else}} in {{#${top.name}}}: remove it. A block renders one {{else}}; this one is never rendered.`,
        });
      }
      top.branches[top.branches.length - 1].end = m.start;
      top.branches.push({ start: m.end, end: text.length, elseTag: m });
      if (/^\s*(else|\^)?\s*$/.test(content)) top.hasFinalElse = true;
    } else if (m.kind === 'blockClose') {
      const name = content.trim();
      const depth = findOpen(stack, name);
      if (depth === -1) {
        const top = stack.pop();
        if (top) {
          problems.push({
            start: m.start,
            end: m.end,
            message: `Mismatched {{/${name}}}: write {{/${top.name}}}. It closes the {{#${top.name}}} opened on line ${lineOf(top.open.start)}.`,
          });
          finish(top, m.start, m);
        } else {
          problems.push({
            start: m.start,
            end: m.end,
            message: `Stray {{/${name}}}: remove it or add {{#${name} …}}. It closes a block that was never opened.`,
          });
        }
        continue;
      }
      // Blocks opened after the one this tag closes were never closed.
      while (stack.length - 1 > depth) {
        const unclosed = stack.pop() as Block;
        problems.push(unclosedProblem(unclosed, `before {{/${name}}} on line ${lineOf(m.start)}`));
        finish(unclosed, m.start);
      }
      finish(stack.pop() as Block, m.start, m);
    }
  }
  while (stack.length > 0) {
    const unclosed = stack.pop() as Block;
    problems.push(unclosedProblem(unclosed, 'before the end of the payload'));
    finish(unclosed, text.length);
  }
  for (const block of blocks) {
    // `{{#assign 'x'}}…{{/assign}}` stores its branch and renders nothing in place: every view hides it.
    if (iterableHelpers.get(block.name)?.renders === 'nothing') block.fixedBranch = block.branches.length;
  }
  for (const [block, condition] of loopConditions) {
    if (!condition || !insideEach(block)) continue;
    // For the single item the views model, @first and @last are true and @index is 0 (false).
    const rendersFirst = (condition.helper === 'if') === condition.truthy;
    block.fixedBranch = rendersFirst ? 0 : block.hasFinalElse ? block.branches.length - 1 : block.branches.length;
  }
  return { blocks, problems };
}

interface LoopCondition {
  helper: 'if' | 'unless';
  truthy: boolean;
}

/** A block tested on `@first`, `@last` or `@index` alone, with the value that variable has for one item. */
function loopCondition(content: string): LoopCondition | undefined {
  const match = /^\s*(if|unless)\s+@(first|last|index)\s*$/.exec(content);
  return match ? { helper: match[1] as 'if' | 'unless', truthy: match[2] !== 'index' } : undefined;
}

function insideEach(block: Block): boolean {
  for (let parent = block.parent; parent; parent = parent.parent) if (parent.name === 'each') return true;
  return false;
}

function unclosedProblem(block: Block, where: string): BlockProblem {
  return {
    start: block.open.start,
    end: block.open.end,
    message: `Unclosed {{#${block.name}}}: add {{/${block.name}}} ${where}. Handlebars cannot render an unclosed block.`,
  };
}

function findOpen(stack: readonly Block[], name: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].name === name) return i;
  return -1;
}

/** The innermost block whose tags enclose `offset` (blocks are in the order their tags open). */
export function innermostBlockAt(blocks: readonly Block[], offset: number): Block | undefined {
  let low = 0;
  let high = blocks.length - 1;
  let candidate = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (blocks[mid].open.start <= offset) {
      candidate = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  for (let block: Block | undefined = blocks[candidate]; block; block = block.parent) {
    if (offset < blockEnd(block)) return block;
  }
  return undefined;
}

export function blockEnd(block: Block): number {
  return block.close?.end ?? block.branches[block.branches.length - 1].end;
}
