/**
 * Whether a template construct only renders when a field is set, because an enclosing block tests
 * that field: such a use cannot meet the field missing (unquoted-merge-field, comparison helpers).
 */
import { innermostBlockAt } from './blockStructure';
import type { TextSpan } from './expressionAnalyzer';
import type { TemplateModel } from './templateModel';

/**
 * True when an enclosing branch only renders if the field is set: the first branch of
 * `{{#if field}}`, an `{{else if field}}` branch, or the `{{else}}` of `{{#unless field}}`.
 */
export function isGuarded(m: TextSpan, field: string, model: TemplateModel): boolean {
  const conditionOf = (text: string, pattern: RegExp) => pattern.exec(text)?.[1];
  for (let block = innermostBlockAt(model.blocks, m.start); block; block = block.parent) {
    const branch = block.branches.findIndex((b) => m.start >= b.start && m.end <= b.end);
    if (branch === -1) continue;
    const openCondition = conditionOf(model.text.slice(block.open.contentStart, block.open.contentEnd), /^\s*(?:if|unless)\s+([^\s~]+)\s*$/);
    const elseTag = block.branches[branch].elseTag;
    const elseText = elseTag ? model.text.slice(elseTag.contentStart, elseTag.contentEnd) : '';
    if (branch === 0 && block.name === 'if' && openCondition === field) return true;
    if (branch > 0 && conditionOf(elseText, /^\s*else\s+if\s+([^\s~]+)\s*$/) === field) return true;
    if (branch > 0 && block.name === 'unless' && openCondition === field && /^\s*else\s*$/.test(elseText)) return true;
  }
  return false;
}
