/**
 * `helper-arguments`: a helper called with fewer or more positional arguments than Iterable's helper
 * takes (`{{math age 2}}`, `{{#ifEq age}}`, `{{dateFormat}}`). handlebars.java then fails the template
 * or renders something else than intended. The counts come from the helper model.
 */
import { arity, type IterableHelper } from '../iterable/iterableHelpers';
import type { ExpressionAnalysis } from '../template/expressionAnalyzer';
import type { TemplateProblem } from '../template/templateModel';
import { plain } from '../util/plainText';
import type { RuleDefinition } from './ruleDefinition';

export type HelperArgumentsData = { helper: string; count: number; min: number; max: number | null };

export const helperArguments: RuleDefinition<'helper-arguments', HelperArgumentsData> = {
  code: 'helper-arguments',
  severity: 'warning',
  stage: 'template',
  meaning: "A helper called with the wrong number of arguments for Iterable's helper; the template fails or renders something else.",
  example: '`{{math age 2}}`, `{{#ifEq age}}`, `{{dateFormat}}`',
};

export function helperArgumentsProblem(helper: IterableHelper, analysis: ExpressionAnalysis): TemplateProblem | undefined {
  const head = analysis.head;
  if (!head) return undefined;
  const { min, max } = arity(helper);
  const count = analysis.args.length;
  if (count >= min && count <= max) return undefined;
  const names = helper.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ');
  const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  const plural = min === 1 && max === 1 ? 'argument' : 'arguments';
  const takes = helper.params.length === 0 ? 'takes no positional arguments' : `takes ${expected} ${plural} (${names})`;
  const extra = count > max ? analysis.args[max] : undefined;
  const last = analysis.args.at(-1);
  return {
    code: 'helper-arguments',
    start: extra ? extra.start : head.start,
    end: extra && last ? last.end : head.end,
    message: `Wrong number of arguments: write ${helper.signature}. ${plain(head.name)} ${takes}; here it has ${count}.`,
    data: { helper: helper.name, count, min, max: max === Infinity ? null : max },
  };
}
